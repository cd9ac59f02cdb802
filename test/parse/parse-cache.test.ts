// The parse cache: where documents are cut into chunks, and that a re-analysis after an edit
// reads again only the chunk and the script the edit touched.
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/analyze';
import { chunkStarts } from '../../server/src/parse/dockerfile';
import { BoundedCache } from '../../server/src/parse/bounded-cache';
import { ParseCache } from '../../server/src/parse/parse-cache';
import { initAnalyzerForTests } from '../lsp/helpers';

/** The first line of each chunk. */
function chunkHeads(text: string): string[] | null {
  const starts = chunkStarts(text);
  return starts && starts.map((start) => text.slice(start).split('\n')[0]);
}

describe('parse/parse-cache', () => {
  before(initAnalyzerForTests);

  it('cuts before each instruction that follows a finished one, keeping directives with the first', () => {
    const text = '# syntax=docker/dockerfile:1\n\nFROM alpine:3.19 AS base\n# a comment\nRUN apk add curl\n\n  ENV A=1\n';
    assert.deepEqual(chunkHeads(text), ['# syntax=docker/dockerfile:1', 'RUN apk add curl', '  ENV A=1']);
  });

  it('never cuts inside a continuation, even across blank and comment lines', () => {
    const text = 'FROM alpine\nRUN apk add \\\n\n# a comment\n    glibc\nRUN a \\  \nb\nLABEL x=1\n';
    assert.deepEqual(chunkHeads(text), ['FROM alpine', 'RUN apk add \\', 'RUN a \\  ', 'LABEL x=1']);
  });

  it('does not cut after a comment line that ends with a backslash', () => {
    assert.deepEqual(chunkHeads('FROM alpine\n# note \\\nRUN true\nRUN false\n'), ['FROM alpine', 'RUN false']);
  });

  it('does not cut documents with here-documents or lone CR line breaks', () => {
    assert.equal(chunkStarts('FROM alpine\nRUN <<EOF\napk add glibc\nEOF\n'), null);
    assert.equal(chunkStarts('FROM alpine\rRUN true\r'), null);
    assert.deepEqual(chunkHeads('FROM alpine\r\nRUN true\r\n'), ['FROM alpine\r', 'RUN true\r']);
  });

  it('re-reads only the chunk and the script an edit touched', () => {
    const lines = ['FROM alpine:3.19'];
    for (let i = 0; i < 40; i++) lines.push(`RUN apk add --no-cache pkg${i} && echo ${i}`);
    const before = lines.join('\n') + '\n';
    const cache = new ParseCache();
    const first = analyze(before, { cache });
    assert.equal(cache.chunks.size, 41);
    assert.equal(cache.scripts.size, 40);

    const after = before.replace('pkg17 ', 'pkg17 glibc ');
    const second = analyze(after, { cache });
    assert.equal(cache.chunks.size, 42, 'one new chunk');
    assert.equal(cache.scripts.size, 41, 'one new script');
    assert.deepEqual(
      second.findings.map((f) => f.code),
      ['MC1002'],
    );
    const fresh = analyze(after);
    assert.deepEqual(second.findings, fresh.findings, 'the same findings as without a cache');
    assert.deepEqual(second.model.parsed.instructions, fresh.model.parsed.instructions, 'chunks after the edit moved by its length');
    assert.deepEqual(first.findings, []);
  });

  it('parses the whole document when a here-document hides behind a continued `<<`', () => {
    // chunkStarts sees no `<<`, but dockerfile-ast joins `<\` and `<EOF` into one.
    for (const text of [
      'FROM alpine\nRUN cat <\\\n<EOF\nRUN apk add glibc\nEOF\nRUN true\n',
      'FROM alpine\nRUN <\\\n<EOF\napk add glibc\nEOF\nRUN true\n',
    ]) {
      const fresh = analyze(text);
      const cached = analyze(text, { cache: new ParseCache() });
      assert.deepEqual(cached.findings, fresh.findings, text);
      assert.deepEqual(cached.model.parsed.instructions, fresh.model.parsed.instructions, text);
    }
  });

  it('keeps fewer entries than its size, and the entries used in the current or last generation', () => {
    const cache = new BoundedCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    assert.equal(cache.get('a'), 1, 'a moves from the last generation to the current one');
    cache.set('c', 3);
    cache.set('d', 4);
    assert.equal(cache.get('b'), undefined, 'b was not used for two generations');
    assert.equal(cache.get('a'), 1);
    assert.equal(cache.get('d'), 4);
    assert.ok(cache.size < 4);
    const off = new BoundedCache<string, number>(0);
    off.set('a', 1);
    assert.equal(off.get('a'), undefined, 'size 0 keeps nothing');
  });
});
