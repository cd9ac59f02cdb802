// Hostile documents against the real command: values that double at each ARG, scripts nested
// past the limit, and a file whose analysis fails. Each ends with a finding or an error on
// that file, and the other files on the command line are still reported.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from './lsp-client';

describe('security: analysis limits through the command', function () {
  this.timeout(60_000);
  let folder: string;
  let glibc: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'muslcheck-analysis-limits-'));
    glibc = join(folder, 'glibc.Dockerfile');
    writeFileSync(glibc, 'FROM alpine:3.19\nRUN apk add glibc\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const run = (args: string[], nodeArgs: string[] = []) =>
    spawnSync(process.execPath, [...nodeArgs, BIN, ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, NO_COLOR: '1' },
    });

  it('29 chained ARG doublings (1.2 KB) give MC0003 on the line, and the other file is reported', () => {
    const file = join(folder, 'doubling.Dockerfile');
    const lines = [
      'FROM alpine:3.19',
      'ARG A0=0123456789abcdef',
      ...Array.from({ length: 29 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`),
    ];
    writeFileSync(file, lines.join('\n') + '\n');
    const result = run([file, glibc]);
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1);
    assert.match(result.stdout, /doubling\.Dockerfile:15:5: warning \[MC0003\] The value of `A13` expands to more than 64 Ki characters/);
    assert.match(result.stdout, /glibc\.Dockerfile:2:13: warning \[MC1002\]/);
  });

  it('apk add glibc in 200 subshells fails the run with MC0003 on that line', () => {
    const file = join(folder, 'nested.Dockerfile');
    writeFileSync(file, `FROM alpine:3.19\nRUN ${'('.repeat(1)}${' ('.repeat(199)} apk add glibc ${') '.repeat(200)}\n`);
    const result = run([file]);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /nested\.Dockerfile:2:\d+: warning \[MC0003\] The shell script nests deeper than 200 levels/);
  });

  it('a file whose analysis fails is an error on that file, without a stack trace; the others are reported', () => {
    // A stack this small cannot hold the analysis of 150 nested `$(`, which the default one can:
    // a real failure in the middle of a run.
    const file = join(folder, 'deep.Dockerfile');
    writeFileSync(file, `FROM alpine:3.19\nRUN echo ${'$('.repeat(150)}true${')'.repeat(150)}\n`);
    const result = run([file, glibc], ['--stack-size=100']);
    assert.equal(result.status, 2);
    assert.equal(result.stderr, `muslcheck: ${file}: internal error, please report it: Maximum call stack size exceeded\n`);
    assert.match(result.stdout, /glibc\.Dockerfile:2:13: warning \[MC1002\]/);
    const normal = run([file]);
    assert.equal(normal.status, 0, normal.stderr);
  });
});
