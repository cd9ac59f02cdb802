// .pre-commit-hooks.yaml, run by the real pre-commit (Debian's package; scripts/ci/pre-commit.sh
// installs it) against a throw-away repository, with the built muslcheck on PATH.
// test/cli/pre-commit.test.ts checks the hook's declaration without pre-commit.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, requireBuild } from '../cli/helpers';
import { requireProgram } from '../support/programs';

const REPO = join(__dirname, '..', '..');

function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

describe('pre-commit hook', () => {
  let work: string;
  before(requireBuild);
  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'muslcheck-pre-commit-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  it('runs muslcheck on staged Dockerfiles only and fails on findings', function () {
    this.timeout(120000);
    requireProgram(this, 'pre-commit', 'apt-get install pre-commit (scripts/ci/pre-commit.sh)');
    requireProgram(this, 'git', 'apt-get install git');
    // A hook repository holding only the hook file: try-repo clones it like a real remote.
    const hookRepo = join(work, 'hooks');
    const project = join(work, 'project');
    const bin = join(work, 'bin');
    for (const dir of [hookRepo, project, bin]) sh(work, 'mkdir', ['-p', dir]);
    writeFileSync(join(hookRepo, '.pre-commit-hooks.yaml'), readFileSync(join(REPO, '.pre-commit-hooks.yaml')));
    writeFileSync(join(bin, 'muslcheck'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(bin, 'muslcheck'), 0o755);
    const env = {
      ...process.env,
      PATH: `${bin}:${process.env.PATH}`,
      HOME: work,
      XDG_CONFIG_HOME: join(work, 'xdg'),
      PRE_COMMIT_HOME: join(work, 'cache'),
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.com',
    };
    for (const [cwd, files] of [
      [hookRepo, ['.pre-commit-hooks.yaml']],
      [project, []],
    ] as const) {
      sh(cwd, 'git', ['init', '-q'], env);
      if (files.length) {
        sh(cwd, 'git', ['add', ...files], env);
        sh(cwd, 'git', ['commit', '-q', '-m', 'hooks'], env);
      }
    }
    writeFileSync(join(project, 'Dockerfile'), 'FROM frolvlad/alpine-glibc:alpine-3.17\n');
    writeFileSync(join(project, 'notes.txt'), 'FROM frolvlad/alpine-glibc\n');
    sh(project, 'git', ['add', 'Dockerfile', 'notes.txt'], env);
    const failing = sh(project, 'pre-commit', ['try-repo', hookRepo, 'muslcheck', '--verbose'], env);
    assert.equal(failing.status, 1, failing.stdout + failing.stderr);
    assert.match(failing.stdout, /Dockerfile:1:6: warning \[MC1001\]/);
    assert.doesNotMatch(failing.stdout, /notes\.txt/);

    writeFileSync(join(project, 'Dockerfile'), 'FROM alpine:3.20\n');
    sh(project, 'git', ['add', 'Dockerfile'], env);
    const passing = sh(project, 'pre-commit', ['try-repo', hookRepo, 'muslcheck'], env);
    assert.equal(passing.status, 0, passing.stdout + passing.stderr);
  });
});
