// The short fuzz pass of `npm test`: a few hundred seeded runs of each generator, plus the
// named pathological inputs of issue #8, each analyzed once. `npm run fuzz` runs the same
// properties for minutes with a fresh seed.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { MAX_INSTRUCTIONS, MAX_LINE_LENGTH } from '../../server/src/analyze';
import { decodeText } from '../../server/src/cli/files';
import { fragmentSoup, hostileBytes, mutatedSeed } from './arbitraries';
import { nestedScript, variableGrowth } from './limit-arbitraries';
import { analyzeChecked, initAnalyzerForFuzzing, SEEDS } from './harness';
import { PROPERTIES } from './properties';

/** Fixed, so a failure here replays exactly; `npm run fuzz` draws new seeds. */
const SEED = 0x6d75736c;

describe('fuzz: analyze never throws (short seeded pass)', () => {
  before(() => initAnalyzerForFuzzing());

  for (const property of PROPERTIES) {
    it(property.name, async () => {
      await fc.assert(property.make() as fc.IAsyncProperty<[unknown]>, { seed: SEED, numRuns: property.shortRuns });
    });
  }

  it('the generators really produce hostile input', () => {
    const samples = [...fc.sample(mutatedSeed(), { seed: SEED, numRuns: 300 }), ...fc.sample(fragmentSoup, { seed: SEED, numRuns: 300 })];
    for (const needle of ['\r\n', '\0', '\uFEFF', '$(', '<<EOF', '\uD800']) {
      assert.ok(
        samples.some((s) => s.includes(needle)),
        `no sample contains ${JSON.stringify(needle)}`,
      );
    }
    const bytes = fc.sample(hostileBytes, { seed: SEED, numRuns: 200 }).map((b) => decodeText(b));
    assert.ok(bytes.some((d) => 'error' in d && d.error.includes('UTF-8')));
    assert.ok(bytes.some((d) => 'text' in d));
  });
});

describe('fuzz: the limit generators reach their limits', () => {
  before(() => initAnalyzerForFuzzing());

  const limited = (text: string) => analyzeChecked(text).findings.some((f) => f.code === 'MC0003');

  it('nested scripts: some within the nesting limit, some past it, some in `sh -c`', () => {
    const samples = fc.sample(nestedScript, { seed: SEED, numRuns: 60 });
    assert.ok(samples.some((s) => s.depth <= 20 && !limited(s.text)));
    assert.ok(samples.some((s) => limited(s.text)));
    assert.ok(samples.some((s) => s.text.includes("sh -c '") && limited(s.text)));
  });

  it('growing variables: some pass the expansion bounds, some stay within them', () => {
    const samples = fc.sample(variableGrowth, { seed: SEED, numRuns: 60 });
    const hits = samples.filter(limited).length;
    assert.ok(hits > 0 && hits < samples.length, `${hits} of ${samples.length} hit a limit`);
  });
});

describe('fuzz: pathological inputs', () => {
  before(() => initAnalyzerForFuzzing());

  it('10,000 nested $( neither overflows the stack nor offers a fix', () => {
    const open = analyzeChecked(`FROM alpine\nRUN apk add glibc && echo ${'$('.repeat(10_000)}\n`);
    assert.equal(open.limit, null);
    const closed = analyzeChecked(`FROM alpine\nRUN apk add glibc && echo ${'$('.repeat(10_000)}x${')'.repeat(10_000)}\n`);
    assert.ok(closed.findings.some((f) => f.code === 'MC1002'));
    assert.deepEqual(
      closed.findings.flatMap((f) => f.fixes.filter((x) => x.safety === 'safe')),
      [],
      'a script too deep to read fully must not be edited',
    );
  });

  it('a deeply nested script is read up to the nesting limit', () => {
    const result = analyzeChecked(`FROM alpine\nRUN ${'( '.repeat(50)}apk add glibc${' )'.repeat(50)}\n`);
    assert.ok(result.findings.some((f) => f.code === 'MC1002'));
  });

  it('a 1 MB single line gives the line-length limit, not a hang', () => {
    const result = analyzeChecked(`FROM alpine\nRUN echo ${'a'.repeat(1024 * 1024)}\n`);
    assert.deepEqual(result.findings, []);
    assert.match(
      result.limit ?? '',
      new RegExp(`^line 2 is 1048585 characters long; muslcheck analyzes lines of at most ${MAX_LINE_LENGTH}`),
    );
    assert.equal(result.model.parsed.lines.lineCount, 3);
  });

  it('a line just under the limit is analyzed', () => {
    const result = analyzeChecked(`FROM alpine\nRUN apk add glibc # ${'x'.repeat(MAX_LINE_LENGTH - 40)}\n`);
    assert.equal(result.limit, null);
    assert.ok(result.findings.some((f) => f.code === 'MC1002'));
  });

  it('50,000 instructions give the instruction-count limit', () => {
    const result = analyzeChecked(`FROM alpine\n${'RUN apk add glibc\n'.repeat(50_000)}`);
    assert.deepEqual(result.findings, []);
    assert.equal(result.limit, `the document has 50001 instructions; muslcheck analyzes at most ${MAX_INSTRUCTIONS}`);
  });

  it('NUL bytes in a RUN are read as ordinary characters', () => {
    const result = analyzeChecked(`FROM alpine\nRUN ${'\0'.repeat(20_000)} ; apk add glibc\n`);
    assert.ok(result.findings.some((f) => f.code === 'MC1002'));
  });

  it('unterminated quotes, substitutions and here-documents', () => {
    for (const tail of [
      'echo "abc',
      "echo 'abc",
      'echo $(abc',
      'echo ${abc',
      'echo `abc',
      '<<EOF\napk add glibc',
      'cat <<EOF && apk add glibc\nx',
    ]) {
      analyzeChecked(`FROM alpine\nRUN apk add --no-cache curl && ${tail}\n`);
      analyzeChecked(`FROM alpine\nRUN apk add --no-cache curl && ${tail}`);
    }
  });

  it('a byte order mark shifts every finding by one character and changes nothing else', () => {
    for (const seed of SEEDS) {
      const plain = analyzeChecked(seed.text.replace(/^\uFEFF/, '')).findings;
      const marked = analyzeChecked('\uFEFF' + seed.text.replace(/^\uFEFF/, '')).findings;
      assert.deepEqual(
        marked.map((f) => [f.code, f.span.start - 1, f.span.end - 1]),
        plain.map((f) => [f.code, f.span.start, f.span.end]),
        seed.name,
      );
    }
  });

  it('CRLF line endings give the same findings at the same lines and columns', () => {
    for (const seed of SEEDS) {
      const lf = seed.text.replace(/\r\n/g, '\n');
      const where = (text: string) => analyzeChecked(text).findings.map((f) => [f.code, f.range.start.line, f.range.start.character]);
      assert.deepEqual(where(lf.replace(/\n/g, '\r\n')), where(lf), seed.name);
    }
  });
});
