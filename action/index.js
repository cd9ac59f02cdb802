'use strict';
// The GitHub Action's entry point (action.yml: runs.using node20). It reads the inputs the
// runner passes as INPUT_* variables, runs the muslcheck command once for SARIF (written to
// a file) and once for pull request annotations, and sets the step's outputs and status.
// It runs the command from its own checkout (action/cli.js over the committed bundle in
// action/dist): no npm install, no registry download, the version of the tag it was used at.
const { spawnSync } = require('node:child_process');
const { appendFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const CLI = join(__dirname, 'cli.js');

/** An input as the runner passes it: INPUT_<NAME upper-cased, spaces as _>. */
function input(name) {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
}

/** Sets a step output through the file the runner names in GITHUB_OUTPUT. */
function setOutput(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

function run(extraArgs, stdio) {
  const args = [CLI];
  if (input('config')) args.push('--config', input('config'));
  if (input('failure-threshold')) args.push('--failure-threshold', input('failure-threshold'));
  args.push(...extraArgs, '--', ...input('path').split(/\s+/).filter(Boolean));
  const result = spawnSync(process.execPath, args, { stdio, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  return result;
}

function main() {
  if (!input('path')) process.env.INPUT_PATH = '.';
  const sarifFile = input('sarif-file');
  let status = null;
  if (sarifFile) {
    const sarif = run(['--format', 'sarif'], ['ignore', 'pipe', 'inherit']);
    // Status 2 can still come with a report (an unreadable file among readable ones).
    if (sarif.stdout) writeFileSync(sarifFile, sarif.stdout);
    setOutput('sarif-file', sarifFile);
    status = sarif.status;
  }
  if (input('annotate') !== 'false') {
    status = run(['--format', 'github'], ['ignore', 'inherit', 'inherit']).status;
  } else if (status === null) {
    status = run(['--format', 'text'], ['ignore', 'inherit', 'inherit']).status;
  }
  setOutput('exit-code', String(status));
  if (status !== 0) {
    process.stdout.write(`::error title=muslcheck::muslcheck exited with status ${status}${status === 1 ? ' (findings)' : ''}\n`);
    process.exitCode = 1;
  }
}

try {
  main();
} catch (error) {
  process.stdout.write(
    `::error title=muslcheck::${String(error && error.message ? error.message : error)
      .replace(/%/g, '%25')
      .replace(/\r?\n/g, '%0A')}\n`,
  );
  process.exitCode = 1;
}
