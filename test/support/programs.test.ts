// The skip mechanism of test/support: a test whose program is missing is skipped with one
// line saying what to install, or fails under MUSLCHECK_TEST_STRICT=1, and any other skip
// fails the run. Each case runs mocha on a fixture spec in a process of its own.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const MOCHA = join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');

function mocha(spec: string, env: NodeJS.ProcessEnv = {}) {
  const inherited = { ...process.env };
  delete inherited.MUSLCHECK_TEST_STRICT;
  const result = spawnSync(
    process.execPath,
    [
      MOCHA,
      '--no-config',
      '-r',
      'tsx/cjs',
      '-r',
      './test/support/skips.ts',
      '--extension',
      'ts',
      '--reporter',
      './test/reporter.cjs',
      spec,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...inherited, NO_COLOR: '1', ...env } },
  );
  return { status: result.status, stdout: result.stdout };
}

const MISSING = join('test', 'support', 'fixtures', 'missing-program.spec.ts');
const STRAY = join('test', 'support', 'fixtures', 'stray-skip.spec.ts');

describe('tests that need a system program', function () {
  this.timeout(60000);

  it('skip with one line per missing program naming it and how to install it, and pass', () => {
    const run = mocha(MISSING);
    assert.equal(run.status, 0, run.stdout);
    const lines = run.stdout.split('\n').filter((l) => l.includes('skipped:'));
    assert.deepEqual(
      lines.map((l) => l.trim()),
      [
        'skipped: muslcheck-no-such-program is not installed: apt-get install no-such-package',
        'skipped: muslcheck-no-such-tool is not installed: apt-get install no-such-tool',
      ],
    );
    assert.match(run.stdout, /^1 passed, 0 failed, 3 skipped$/m);
  });

  it('fail instead under MUSLCHECK_TEST_STRICT=1', () => {
    const run = mocha(MISSING, { MUSLCHECK_TEST_STRICT: '1' });
    assert.equal(run.status, 2, run.stdout);
    assert.match(run.stdout, /^1 passed, 2 failed$/m);
    assert.match(run.stdout, /muslcheck-no-such-program is not installed: apt-get install no-such-package \(MUSLCHECK_TEST_STRICT=1/);
  });

  it('are the only tests that may be skipped: it.skip and a bare this.skip() fail the run', () => {
    const run = mocha(STRAY);
    assert.notEqual(run.status, 0, run.stdout);
    assert.match(
      run.stdout,
      /skipped without requireProgram \(test\/support\/programs\.ts\): stray skips skipped with it\.skip; stray skips skipped with a bare this\.skip\(\)/,
    );
  });
});
