#!/usr/bin/env node
'use strict';
// Entry point of the muslcheck command. With a language server transport flag (--stdio,
// --node-ipc, --socket=PORT) it starts the language server, which then owns stdout;
// otherwise it runs the command line. Both are single-file bundles (scripts/bundle.js),
// loaded with the code cache the build made for them (load-bundle.js).
const { loadBundle } = require('./load-bundle');
const argv = process.argv.slice(2);
const isServer = argv.some((arg) => arg === '--stdio' || arg === '--node-ipc' || arg === '--socket' || arg.startsWith('--socket='));

if (isServer) {
  loadBundle('server').exports.startServer();
} else {
  const { runCli, EXIT_ERROR } = loadBundle('cli').exports;
  runCli(argv, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then(
    (status) => {
      process.exitCode = status;
    },
    (error) => {
      process.stderr.write(`muslcheck: internal error: ${error && error.message ? error.message : error}\n`);
      process.exitCode = EXIT_ERROR;
    },
  );
}
