#!/usr/bin/env node
'use strict';
// Entry point of the muslcheck command; everything else is in out/cli.
const { runCli, EXIT_ERROR } = require('../out/cli/main');

runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env }).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    process.stderr.write(`muslcheck: internal error: ${error && error.message ? error.message : error}\n`);
    process.exitCode = EXIT_ERROR;
  },
);
