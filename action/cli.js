'use strict';
// The muslcheck command as the Action runs it: the committed bundle in action/dist (copied
// from the build by scripts/action-bundle.js), run like server/bin/muslcheck.js runs it but
// without the V8 code cache, which is only valid for the Node version that made it.
const { runCli, EXIT_ERROR } = require('./dist/cli.js');

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`muslcheck: internal error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
