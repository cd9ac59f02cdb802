// Paths that are not regular files (a FIFO, /dev/zero, /dev/urandom) and endless standard
// input: each must end with a clear error naming the path, never a hang or unbounded memory,
// and the other files on the command line are still checked. The runs have a timeout so a
// regression fails instead of hanging the suite.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ROOT } from './lsp-client';

describe('security: paths that are not regular files', function () {
  this.timeout(60_000);
  let folder: string;
  let glibc: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'muslcheck-special-'));
    glibc = join(folder, 'glibc.Dockerfile');
    writeFileSync(glibc, 'FROM alpine:3.19\nRUN apk add glibc\n');
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const run = (args: string[], input?: string) =>
    spawnSync(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      input,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: '1' },
    });

  it('a FIFO is refused at once (nobody writes to it), the other file is checked', () => {
    const fifo = join(folder, 'Dockerfile.fifo');
    execFileSync('mkfifo', [fifo]);
    const result = run([fifo, glibc]);
    assert.equal(result.signal, null, 'the run was killed by the timeout: it blocked on the FIFO');
    assert.equal(result.status, 2);
    assert.equal(result.stderr, `muslcheck: ${fifo}: not a regular file (it is a FIFO); pass \`-\` to read standard input\n`);
    assert.match(result.stdout, /glibc\.Dockerfile:2:\d+: .*\[MC1002\]/);
  });

  for (const device of ['/dev/zero', '/dev/urandom', '/dev/null']) {
    it(`${device} is refused as a character device, the other file is checked`, () => {
      const result = run([device, glibc]);
      assert.equal(result.signal, null, 'the run was killed by the timeout');
      assert.equal(result.status, 2);
      assert.equal(
        result.stderr,
        `muslcheck: ${device}: not a regular file (it is a character device); pass \`-\` to read standard input\n`,
      );
      assert.match(result.stdout, /\[MC1002\]/);
    });
  }

  it('endless standard input (/dev/zero, a pipe from `yes`) stops at the size limit', () => {
    for (const feed of ['< /dev/zero', "yes '# filler' |"]) {
      const command = feed.startsWith('<') ? `"$0" "$1" - ${feed}` : `${feed} "$0" "$1" -`;
      const result = spawnSync('sh', ['-c', command, process.execPath, BIN], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
      assert.equal(result.signal, null, `${feed}: the run was killed by the timeout: it read without end`);
      assert.equal(result.status, 2, result.stderr);
      assert.equal(result.stderr, 'muslcheck: <stdin>: file is larger than 10 MiB\n');
    }
  });
});
