// The patch to dockerfile-ast under patches/ (applied by patch-package on install): an
// instruction splits its arguments once, not once per accessor, and builds each argument
// from substrings instead of one character at a time. It must read every input exactly as
// the unpatched library does (installed beside it as dockerfile-ast-baseline), and the
// work of a parse must grow in proportion to the input (issue #22: continuation lines).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as patched from 'dockerfile-ast';
import * as baseline from 'dockerfile-ast-baseline';

interface Readable {
  getKeyword(): string;
  getRange(): unknown;
  getArguments(): { getValue(): string; getRange(): unknown }[];
  getArgumentsContent(): string | null;
  getRawArgumentsContent(): string | null;
  getArgumentsRanges(): unknown[];
  getVariables(): { getName(): string; getRange(): unknown }[];
  getExpandedArguments(): { getValue(): string; getRange(): unknown }[];
  toString(): string;
  getFlags?(): { getName(): string; getValue(): string | null; getRange(): unknown; getValueRange(): unknown }[];
  getJSONStrings?(): { getValue(): string; getRange(): unknown }[];
  getHeredocs?(): { getName(): string; getContentRange(): unknown }[];
}

/** A value, or the kind of error both libraries throw for it (deep `${A}` chains overflow the stack). */
function attempt<T>(read: () => T): T | { error: string } {
  try {
    return read();
  } catch (error) {
    return { error: (error as Error).name };
  }
}

/** Everything muslcheck and the peers read from an instruction, twice to catch mutation. */
function reading(parser: typeof patched.DockerfileParser, text: string): unknown[] {
  return parser.parse(text).getInstructions().map((instruction) => {
    const i = instruction as unknown as Readable;
    const args = () => i.getArguments().map((a) => [a.getValue(), a.getRange()]);
    return {
      keyword: i.getKeyword(),
      range: i.getRange(),
      args: args(),
      again: args(),
      content: i.getArgumentsContent(),
      raw: i.getRawArgumentsContent(),
      ranges: i.getArgumentsRanges(),
      variables: attempt(() => i.getVariables().map((v) => [v.getName(), v.getRange()])),
      expanded: attempt(() => i.getExpandedArguments().map((a) => [a.getValue(), a.getRange()])),
      text: i.toString(),
      flags: i.getFlags?.().map((f) => [f.getName(), f.getValue(), f.getRange(), f.getValueRange()]),
      json: i.getJSONStrings?.().map((s) => [s.getValue(), s.getRange()]),
      heredocs: i.getHeredocs?.().map((h) => [h.getName(), h.getContentRange()]),
    };
  });
}

const PIECES = [
  'RUN ', 'FROM ', 'COPY ', 'ENV ', 'ARG ', 'CMD ', 'ONBUILD ', 'HEALTHCHECK ', 'LABEL ', 'ADD ',
  ' ', '\t', '\n', '\r\n', '\\', '\\\n', '\\ \n', '\\\t\r\n', '`', '#', '# c\n', '$', '${A}', '$A',
  '"', "'", '[', ']', ',', '=', '--', '--mount=type=cache', '--from=b', 'a', 'b1', 'apk', '<<EOF', 'EOF',
  '&&', '\\$', '\\a', 'é', '😀',
];
const DIRECTIVES = ['', '# escape=`\n', '# escape=\\\n'];

describe('parse/dockerfile-ast patch', () => {
  it('reads every instruction exactly as the unpatched library does', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DIRECTIVES), fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (directive, pieces) => {
        const text = directive + pieces.join('');
        assert.deepEqual(reading(patched.DockerfileParser, text), reading(baseline.DockerfileParser, text));
      }),
      { numRuns: 1500, seed: 19 },
    );
  });

  it('reads real instructions with flags, JSON, heredocs and escapes as the unpatched library does', () => {
    const texts = [
      'FROM --platform=linux/amd64 alpine:3.19 AS build\nRUN --mount=type=cache,target=/root \\\n  apk add \\\n  # note\n  curl\n',
      'COPY --from=build ["/a b", "/c\\"d", "/e"]\nCMD ["sh", "-c", "echo $HOME"]\nENTRYPOINT []\nCMD [ ]\n',
      'RUN <<EOF\napk add glibc\nEOF\nHEALTHCHECK --interval=5s CMD curl -f http://x || exit 1\n',
      '# escape=`\nFROM mcr.microsoft.com/windows\nRUN dir `\n  c:\\ `\n  && echo `$x\n',
      'ENV A=1 B="two words" C=\\$D\nARG V\nLABEL a.b="c" \\\n  d=e\nRUN echo \\ \\\n  x\\ \n',
    ];
    for (const text of texts) assert.deepEqual(reading(patched.DockerfileParser, text), reading(baseline.DockerfileParser, text));
  });

  it('scans an instruction once however many times its arguments are asked for, so work grows with the input', () => {
    const target = patched.Instruction.prototype as unknown as { splitRawArguments(this: patched.Instruction): unknown };
    const split = target.splitRawArguments;
    assert.equal(typeof split, 'function', 'the patch is not applied: run `npm install` (patch-package)');
    /** Characters the argument splitter read to parse and convert `lines` continuation lines. */
    const scanned = (lines: number): { scanned: number; length: number } => {
      let total = 0;
      target.splitRawArguments = function (this: patched.Instruction) {
        total += this.getTextContent().length;
        return split.call(this);
      };
      try {
        const text = 'FROM alpine:3.19\nRUN --mount=type=cache,target=/c echo a \\\n' + '  && echo line \\\n'.repeat(lines) + '  && true\n';
        for (const i of patched.DockerfileParser.parse(text).getInstructions()) {
          const r = i as unknown as Readable;
          r.getArguments();
          r.getFlags?.();
          r.getArgumentsContent();
        }
        return { scanned: total, length: text.length };
      } finally {
        target.splitRawArguments = split;
      }
    };
    const small = scanned(1000);
    const large = scanned(8000);
    // One pass over each instruction: the unpatched library reads a RUN seven times or more.
    assert.ok(small.scanned <= small.length, `${small.scanned} characters scanned for ${small.length}`);
    assert.ok(large.scanned <= large.length, `${large.scanned} characters scanned for ${large.length}`);
  });
});
