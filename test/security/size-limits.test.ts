// Input limits of the CLI: files over MAX_FILE_BYTES and files that are not UTF-8 text are
// reported (exit 2) without being linted, through the real command.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeText, MAX_FILE_BYTES } from '../../server/src/cli/files';
import { BIN, ROOT } from './lsp-client';

describe('security: input size limits of the CLI', function () {
  this.timeout(60_000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'muslcheck-limits-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const run = (args: string[], input?: Buffer) =>
    spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  it('reads exactly MAX_FILE_BYTES bytes and refuses one more, saying the limit in MiB', () => {
    const at = new Uint8Array(MAX_FILE_BYTES).fill(0x23);
    const read = decodeText(at);
    assert.ok('text' in read && read.text.length === MAX_FILE_BYTES);
    const over = new Uint8Array(MAX_FILE_BYTES + 1).fill(0x23);
    assert.deepEqual(decodeText(over), { error: 'file is larger than 10 MiB' });
  });

  it('a file one byte over the limit is an error, a file at the limit is checked', () => {
    const glibc = 'FROM alpine:3.19\nRUN apk add glibc\n';
    const over = join(folder, 'over.Dockerfile');
    // Many short comment lines: within the line-length limit, so only the file size matters.
    const filler = (size: number) =>
      glibc +
      '#'
        .repeat(63)
        .concat('\n')
        .repeat(Math.ceil(size / 64))
        .slice(0, size - glibc.length);
    writeFileSync(over, filler(MAX_FILE_BYTES + 1));
    const big = run([over]);
    assert.equal(big.status, 2);
    assert.equal(big.stderr, `muslcheck: ${over}: file is larger than 10 MiB\n`);
    assert.doesNotMatch(big.stdout, /MC1002/);

    const at = join(folder, 'at.Dockerfile');
    writeFileSync(at, filler(MAX_FILE_BYTES));
    const ok = run([at]);
    assert.equal(ok.status, 1, ok.stderr);
    assert.match(ok.stdout, /at\.Dockerfile:2:13: .*\[MC1002\]/);
  });

  it('standard input over the limit is an error too', () => {
    const big = run(['--stdin-filename', 'Dockerfile', '-'], Buffer.alloc(MAX_FILE_BYTES + 1, 0x23));
    assert.equal(big.status, 2);
    assert.match(big.stderr, /^muslcheck: Dockerfile: file is larger than 10 MiB$/m);
  });

  it('binary files and invalid UTF-8 are reported as not text (exit 2), never linted', () => {
    const binary = join(folder, 'binary.Dockerfile');
    writeFileSync(binary, Buffer.concat([Buffer.from('FROM alpine\nRUN apk add glibc\n'), Buffer.from([0, 1, 2, 0xff])]));
    const latin1 = join(folder, 'latin1.Dockerfile');
    writeFileSync(latin1, Buffer.from('FROM alpine\n# caf\xe9\nRUN apk add glibc\n', 'latin1'));
    const result = run([binary, latin1]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`^muslcheck: ${binary}: not a text file \\(it contains NUL bytes\\)$`, 'm'));
    assert.match(result.stderr, new RegExp(`^muslcheck: ${latin1}: not a text file \\(it is not valid UTF-8\\)$`, 'm'));
    assert.doesNotMatch(result.stdout, /MC1002/);
  });

  it('a document past the analysis limits is reported (exit 2), the other files still checked', () => {
    const long = join(folder, 'long-line.Dockerfile');
    writeFileSync(long, `FROM alpine:3.19\nRUN echo ${'x'.repeat(40_000)}\n`);
    const many = join(folder, 'many.Dockerfile');
    writeFileSync(many, 'FROM alpine:3.19\n' + 'RUN true\n'.repeat(10_000));
    const glibc = join(folder, 'glibc.Dockerfile');
    writeFileSync(glibc, 'FROM alpine:3.19\nRUN apk add glibc\n');
    const result = run([long, many, glibc]);
    assert.equal(result.status, 2);
    assert.match(
      result.stderr,
      new RegExp(
        `^muslcheck: ${long}: not analyzed: line 2 is 40009 characters long; muslcheck analyzes lines of at most 32768 characters$`,
        'm',
      ),
    );
    assert.match(
      result.stderr,
      new RegExp(`^muslcheck: ${many}: not analyzed: the document has 10001 instructions; muslcheck analyzes at most 10000$`, 'm'),
    );
    assert.match(result.stdout, /glibc\.Dockerfile:2:13: .*\[MC1002\]/);
  });
});
