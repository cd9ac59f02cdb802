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

  it('does not let a line that starts with an escaped `#` end a continuation', () => {
    // dockerfile-ast reads `\#` as a word and as a comment, and the instruction goes on.
    const text = 'FROM alpine\nRUN a \\ \n\\# note\nONBUILD RUN apk add glibc\n';
    assert.deepEqual(chunkHeads(text), ['FROM alpine', 'RUN a \\ ']);
    const cached = analyze(text, { cache: new ParseCache() });
    assert.deepEqual(cached.model.parsed.instructions, analyze(text).model.parsed.instructions);
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

  it('keeps the readings of the instructions before an edit, and moves the ones after it', () => {
    const before = 'FROM alpine:3.19\nRUN apk add curl\nRUN apk add git\nRUN wget -q https://example.com/a.tar.gz\n';
    const cache = new ParseCache();
    // A chunk keeps its placement once it was found at the same offset twice running.
    const opened = analyze(before, { cache });
    const first = analyze(before, { cache });
    assert.notEqual(first.model.parsed.instructions[0], opened.model.parsed.instructions[0], 'first seen there: not kept yet');
    const second = analyze(before.replace('git', 'gits'), { cache });
    const [from, curl, git, wget] = second.model.parsed.instructions;
    assert.equal(from, first.model.parsed.instructions[0], 'FROM, before the edit, is the same object');
    assert.equal(curl, first.model.parsed.instructions[1]);
    assert.equal(second.model.stages[0].runs[0], first.model.stages[0].runs[0], 'and so are its RUN commands');
    assert.notEqual(git, first.model.parsed.instructions[2], 'the edited RUN is read again');
    assert.notEqual(wget, first.model.parsed.instructions[3], 'the RUN after it moved');
    assert.equal(wget.span.start, first.model.parsed.instructions[3].span.start + 1);
    assert.deepEqual(second.model.stages[0].runs[2].commands, analyze(before.replace('git', 'gits')).model.stages[0].runs[2].commands);
  });

  it('reads a kept RUN again when a variable it uses changed, even at the same offset', () => {
    const cache = new ParseCache();
    const url = (version: string): string =>
      `ARG V=${version}\nFROM alpine:3.19\nARG V\nRUN wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/\${V}-r0/glibc-\${V}-r0.apk\n`;
    analyze(url('2.35'), { cache });
    const first = analyze(url('2.35'), { cache });
    const second = analyze(url('2.34'), { cache });
    const words = (result: ReturnType<typeof analyze>): string[] =>
      result.model.stages[0].runs[0].commands[0].args.map((word) => word.value);
    assert.match(words(first).join(' '), /2\.35-r0\/glibc-2\.35-r0\.apk/);
    assert.match(words(second).join(' '), /2\.34-r0\/glibc-2\.34-r0\.apk/, 'not the commands read with V=2.35');
    assert.equal(second.model.parsed.instructions[3], first.model.parsed.instructions[3], 'the RUN itself did not move');
    assert.deepEqual(second.findings, analyze(url('2.34')).findings);
    const third = analyze(url('2.34'), { cache });
    assert.equal(third.model.stages[0].runs[0], second.model.stages[0].runs[0], 'same values: the same commands');
  });

  it('builds fixes for the stage a kept RUN is in now, not the one it was first read in', () => {
    const cache = new ParseCache();
    const run = 'RUN apk add --no-cache glibc-2.35-r1.apk\n';
    const fixOf = (from: string): string | undefined => {
      const finding = analyze(`${from}\n${run}`, { cache }).findings.find((f) => f.code === 'MC1002');
      return finding?.fixes[0]?.safety;
    };
    // Same length, so the RUN sits at the same offset in both documents.
    assert.equal(fixOf('FROM alpine:3.19'), 'safe');
    assert.equal(fixOf('FROM alpine:3.9 '), 'unsafe', 'gcompat is not in Alpine 3.9');
    assert.equal(fixOf('FROM alpine:3.19'), 'safe');
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
