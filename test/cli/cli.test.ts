// The real command: exit statuses, standard input, configuration precedence and errors.
import assert from 'node:assert/strict';
import { requireBuild, runMuslcheck, useProjects } from './helpers';

/** One MC1001 (warning) finding and nothing else. */
const GLIBC_BASE = 'FROM frolvlad/alpine-glibc:alpine-3.17\nRUN echo hi\n';
const CLEAN = 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n';

describe('muslcheck command', () => {
  const project = useProjects();
  before(requireBuild);

  describe('exit status', () => {
    it('is 0 for a clean file, 1 with findings, 2 for a usage error', () => {
      const cwd = project({ Dockerfile: GLIBC_BASE, 'clean/Dockerfile': CLEAN });
      assert.equal(runMuslcheck(['clean/Dockerfile'], { cwd }).status, 0);
      const dirty = runMuslcheck(['Dockerfile'], { cwd });
      assert.equal(dirty.status, 1);
      assert.match(dirty.stdout, /^Dockerfile:1:6: warning \[MC1001\]/);
      const usage = runMuslcheck(['--failure-threshold', 'fatal', 'Dockerfile'], { cwd });
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--failure-threshold expects one of error, warning, info, style, none, got 'fatal'/);
      assert.equal(runMuslcheck(['--ignore', 'MC9999'], { cwd }).status, 2);
      assert.equal(runMuslcheck(['missing/Dockerfile'], { cwd }).status, 2);
    });

    it('fails only for findings at or above --failure-threshold; --no-fail never fails', () => {
      const cwd = project({ Dockerfile: GLIBC_BASE });
      assert.equal(runMuslcheck(['--failure-threshold', 'error', 'Dockerfile'], { cwd }).status, 0);
      assert.equal(runMuslcheck(['--failure-threshold', 'warning', 'Dockerfile'], { cwd }).status, 1);
      assert.equal(runMuslcheck(['--failure-threshold', 'none', 'Dockerfile'], { cwd }).status, 0);
      const noFail = runMuslcheck(['--no-fail', 'Dockerfile'], { cwd });
      assert.equal(noFail.status, 0);
      assert.match(noFail.stdout, /MC1001/);
    });
  });

  it('reads standard input, configured from the --stdin-filename folder', () => {
    const cwd = project({ 'svc/.muslcheck.yaml': 'ignored: [MC1001]\n' });
    const plain = runMuslcheck(['-f', 'gnu', '-'], { cwd, input: GLIBC_BASE });
    assert.equal(plain.status, 1);
    assert.match(plain.stdout, /^<stdin>:1\.6: warning: /);
    const named = runMuslcheck(['--stdin-filename', 'svc/Dockerfile', '-'], { cwd, input: GLIBC_BASE });
    assert.equal(named.status, 0, named.stdout + named.stderr);
  });

  describe('configuration', () => {
    it('applies file < environment < command line', () => {
      const cwd = project({ Dockerfile: GLIBC_BASE, '.muslcheck.yaml': 'failure-threshold: error\nformat: gnu\n' });
      const fromFile = runMuslcheck(['Dockerfile'], { cwd });
      assert.equal(fromFile.status, 0);
      assert.match(fromFile.stdout, /^Dockerfile:1\.6: warning:/);
      const fromEnv = runMuslcheck(['Dockerfile'], { cwd, env: { MUSLCHECK_FAILURE_THRESHOLD: 'warning', MUSLCHECK_FORMAT: 'json' } });
      assert.equal(fromEnv.status, 1);
      assert.equal(JSON.parse(fromEnv.stdout)[0].code, 'MC1001');
      const fromFlags = runMuslcheck(['--failure-threshold', 'error', '-f', 'text', 'Dockerfile'], {
        cwd,
        env: { MUSLCHECK_FAILURE_THRESHOLD: 'warning' },
      });
      assert.equal(fromFlags.status, 0);
      assert.match(fromFlags.stdout, /^Dockerfile:1:6: warning \[MC1001\]/);
    });

    it('applies override severities, ignored codes, build args and image facts from the file', () => {
      const cwd = project({
        Dockerfile: 'ARG BASE=alpine:3.20\nFROM ${BASE}\nFROM mycorp/base:1\n',
        '.muslcheck.yaml': [
          'override:',
          '  error: [MC1001]',
          'build-args:',
          '  BASE: "frolvlad/alpine-glibc"',
          'images:',
          '  - image: mycorp/base',
          '    libc: musl',
          '    glibcOnMusl: true',
          '    reason: our base image adds glibc',
          '',
        ].join('\n'),
      });
      const out = runMuslcheck(['-f', 'json', 'Dockerfile'], { cwd });
      const findings = JSON.parse(out.stdout);
      assert.deepEqual(
        findings.map((f: { line: number; code: string; level: string }) => `${f.line} ${f.code} ${f.level}`),
        ['2 MC1001 error', '3 MC1001 error'],
      );
      assert.equal(runMuslcheck(['--ignore', 'MC1001', 'Dockerfile'], { cwd }).status, 0);
    });

    it('uses each file’s own nearest configuration', () => {
      const cwd = project({
        'a/Dockerfile': GLIBC_BASE,
        'b/Dockerfile': GLIBC_BASE,
        'b/.muslcheck.yml': 'ignored: [MC1001]\n',
        'b/c/Dockerfile': GLIBC_BASE,
        'b/d/.git/HEAD': 'ref: refs/heads/main\n',
        'b/d/Dockerfile': GLIBC_BASE,
      });
      const out = runMuslcheck(['-f', 'gnu', '.'], { cwd });
      // b/c takes b's file; b/d is a repository of its own, so the search stops there.
      assert.deepEqual(
        out.stdout
          .trim()
          .split('\n')
          .map((line) => line.split(':')[0]),
        ['a/Dockerfile', 'b/d/Dockerfile'],
      );
    });

    it('--config replaces the search', () => {
      const cwd = project({
        Dockerfile: GLIBC_BASE,
        '.muslcheck.yaml': 'ignored: [MC1001]\n',
        'strict.yaml': 'override: {error: [MC1001]}\n',
      });
      const out = runMuslcheck(['--config', 'strict.yaml', '-f', 'json', 'Dockerfile'], { cwd });
      assert.equal(JSON.parse(out.stdout)[0].level, 'error');
    });

    it('exits 2 with file:line:column for a bad key or value', () => {
      const cwd = project({ Dockerfile: GLIBC_BASE, '.muslcheck.yaml': 'ignored: [MC1001]\nno-fail: sometimes\nfailure_threshold: x\n' });
      const out = runMuslcheck(['Dockerfile'], { cwd });
      assert.equal(out.status, 2);
      assert.equal(out.stdout, '');
      const lines = out.stderr.trim().split('\n');
      assert.equal(
        lines[0],
        'muslcheck: .muslcheck.yaml:2:10: no-fail: expected a boolean, got "sometimes"'.replace(
          '.muslcheck.yaml',
          `${cwd}/.muslcheck.yaml`,
        ),
      );
      assert.match(lines[1], /\.muslcheck\.yaml:3:1: unknown key 'failure_threshold' \(did you mean 'failure-threshold'\?\)/);
    });

    it('exits 2 for a bad environment variable or a missing --config file', () => {
      const cwd = project({ Dockerfile: GLIBC_BASE });
      const env = runMuslcheck(['Dockerfile'], { cwd, env: { MUSLCHECK_NO_FAIL: 'perhaps' } });
      assert.equal(env.status, 2);
      assert.match(env.stderr, /^muslcheck: environment: MUSLCHECK_NO_FAIL: expected true or false, got 'perhaps'/);
      const missing = runMuslcheck(['--config', 'nope.yaml', 'Dockerfile'], { cwd });
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /nope\.yaml:1:1: cannot read configuration: no such file/);
    });
  });

  describe('pragmas', () => {
    const PRAGMAS = `# muslcheck ignore=MC1001 # migrating next sprint
FROM frolvlad/alpine-glibc:alpine-3.17
# muslcheck ignore=MC1006
RUN echo hi
# muslcheck ignore MC1002
RUN echo bye
`;
    it('reports a malformed pragma (MC0001) and, on request, an unused one (MC0002)', () => {
      const cwd = project({ Dockerfile: PRAGMAS });
      const codes = (args: string[]) =>
        JSON.parse(runMuslcheck(['-f', 'json', ...args, 'Dockerfile'], { cwd }).stdout).map(
          (f: { line: number; code: string }) => `${f.line} ${f.code}`,
        );
      assert.deepEqual(codes([]), ['5 MC0001']);
      assert.deepEqual(codes(['--report-unused-pragmas']), ['3 MC0002', '5 MC0001']);
      assert.deepEqual(codes(['--disable-ignore-pragma']), ['2 MC1001']);
      assert.deepEqual(codes([]), codes(['--ignore', 'MC0002']));
    });
  });

  it('writes every format, SARIF included', () => {
    const cwd = project({ Dockerfile: GLIBC_BASE });
    for (const format of ['sarif', 'checkstyle', 'gnu', 'github', 'junit', 'codeclimate', 'gitlab']) {
      const out = runMuslcheck(['-f', format, 'Dockerfile'], { cwd });
      assert.equal(out.status, 1, format);
      assert.match(out.stdout, /MC1001/, format);
    }
    const sarif = JSON.parse(runMuslcheck(['-f', 'sarif', 'Dockerfile', 'missing'], { cwd }).stdout);
    assert.equal(sarif.runs[0].invocations[0].executionSuccessful, false);
  });
});
