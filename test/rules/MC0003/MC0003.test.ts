// MC0003 analysis-limit: where the analysis stops at a limit (shell nesting, expansion
// length, the document's expansion budget), it says so on that line instead of passing in
// silence; the findings outside the limit are still reported.
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { MAX_EXPANDED_LENGTH, MAX_EXPANDED_TOTAL } from '../../../server/src/parse/limits';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const doubling = (levels: number, start = '0123456789abcdef') =>
  ['FROM alpine:3.19', `ARG A0=${start}`, ...Array.from({ length: levels }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`)].join('\n') +
  '\n';

ruleTester('MC0003', {
  valid: [
    { name: 'ten doublings (16 Ki characters)', code: doubling(10) + 'RUN echo "$A10"\n' },
    { name: 'a default nested four deep', code: 'FROM alpine:3.19\nARG V=${A:-${B:-${C:-${D:-x}}}}\n' },
    { name: 'thirty nested substitutions', code: `FROM alpine:3.19\nRUN echo ${'$('.repeat(30)}true${')'.repeat(30)}\n` },
    {
      name: 'a value of exactly the limit',
      code: `FROM alpine:3.19\nARG A=${'x'.repeat(16 * 1024)}\nARG B=\${A}\${A}\nARG C=\${B}\${B}\nRUN apk add glibc\n`,
    },
    { name: 'a comment that mentions the limits', code: 'FROM alpine:3.19\n# MC0003: nesting limit, 64 Ki characters\nRUN true\n' },
  ],
  invalid: [
    {
      name: 'twelve doublings pass 64 Ki characters on the ARG that does',
      code: doubling(13) + 'RUN apk add glibc\n',
      errors: [
        { code: 'MC0003', line: 15, column: 5, endColumn: 21, message: /^The value of `A13` expands to more than 64 Ki characters/ },
        { code: 'MC1002', line: 16, column: 13 },
      ],
    },
    {
      name: 'one character past the limit',
      code: `FROM alpine:3.19\nARG A=${'x'.repeat(16 * 1024)}\nARG B=\${A}\${A}\nARG C=x\${B}\${B}\n`,
      errors: [{ code: 'MC0003', line: 4, column: 5 }],
    },
    {
      name: 'an ENV that grows past the limit',
      code: `FROM alpine:3.19\nENV A=${'x'.repeat(20_000)}\nENV B=$A$A$A$A\n`,
      errors: [{ code: 'MC0003', line: 3, column: 5, message: /^The value of `B`/ }],
    },
    {
      name: 'a FROM image built from a value past the limit',
      code: `ARG A=${'x'.repeat(20_000)}\nARG B=$A$A$A$A\nFROM alpine:3.19$B\n`,
      errors: [{ code: 'MC0003', line: 2, column: 5 }],
    },
    {
      name: 'apk add glibc in 205 subshells',
      code: `FROM alpine:3.19\nRUN ${'( '.repeat(205)}apk add glibc${' )'.repeat(205)}\n`,
      errors: [{ code: 'MC0003', line: 2, column: 403, message: /nests deeper than 200 levels/ }],
    },
    {
      name: 'apk add glibc in 205 parentheses without spaces',
      code: `FROM alpine:3.19\nRUN ${'('.repeat(205)}apk add glibc${')'.repeat(205)}\n`,
      errors: [{ code: 'MC0003', line: 2, column: 205, message: /nests deeper than 200 levels/ }],
    },
    {
      name: 'nesting in a `sh -c` payload',
      code: `FROM alpine:3.19\nRUN sh -c '${'( '.repeat(205)}apk add glibc${' )'.repeat(205)}'\n`,
      errors: [{ code: 'MC0003', line: 2, column: 410, message: /nests deeper than 200 levels/ }],
    },
    {
      name: 'shell assignments that double past the limit',
      code: `FROM alpine:3.19\nRUN A=0123456789abcdef; ${'A="$A$A"; '.repeat(13)}echo "$A"\n`,
      errors: [{ code: 'MC0003', line: 2, column: 147, message: /^The word `"\$A\$A"` expands to more than 64 Ki characters/ }],
    },
    {
      name: 'defaults nested 80 deep',
      code: `FROM alpine:3.19\nARG V=${'${A:-'.repeat(80)}x${'}'.repeat(80)}\n`,
      errors: [{ code: 'MC0003', line: 2, column: 5, message: /nests `\$\{\.\.\.\}` deeper than 64 levels/ }],
    },
    {
      name: 'a pragma can silence it like any finding',
      code: `FROM alpine:3.19\n# muslcheck ignore=MC0003\nRUN ${'( '.repeat(205)}true${' )'.repeat(205)}\nRUN ${'( '.repeat(205)}true${' )'.repeat(205)}\n`,
      errors: [{ code: 'MC0003', line: 4, column: 403 }],
    },
  ],
});

describe('MC0003 and the document-wide expansion budget', function () {
  before(initRules);

  it('stops expanding once the document has inserted MAX_EXPANDED_TOTAL characters, and says where', function () {
    // Each ENV inserts 60 Ki characters; the budget runs out after 273 of them, and one
    // notice says so where it did, however many expansions stop after it.
    const value = 'x'.repeat(30 * 1024);
    const count = Math.ceil(MAX_EXPANDED_TOTAL / (2 * value.length)) + 10;
    const text =
      `FROM alpine:3.19\nARG A=${value}\n` +
      Array.from({ length: count }, (_, i) => `ENV B${i}=$A$A\n`).join('') +
      // Shell words after the budget is spent stop too, without a notice each.
      'RUN echo "$A$A" && echo "$A"\n'.repeat(5) +
      'RUN apk add glibc\n';
    const result = analyze(text);
    const limits = result.findings.filter((f) => f.code === 'MC0003');
    assert.equal(limits.length, 1, limits.map((f) => `${f.range.start.line}: ${f.message}`).join('\n'));
    assert.match(limits[0].message, /variable expansion in this document reached 16 Mi characters, so from here on/);
    assert.equal(limits[0].range.start.line, 2 + Math.floor(MAX_EXPANDED_TOTAL / (2 * value.length)));
    assert.ok(result.findings.some((f) => f.code === 'MC1002'));
    assert.ok(MAX_EXPANDED_LENGTH * 2 < MAX_EXPANDED_TOTAL);
  });

  it('29 doublings in a 1 KB file finish with a finding, not a crash', function () {
    const result = analyze(doubling(29) + 'RUN apk add glibc\n');
    assert.deepEqual(result.internalErrors, []);
    assert.deepEqual(
      result.findings.map((f) => f.code),
      ['MC0003', 'MC1002'],
    );
  });
});

fixtureTester('MC0003');
