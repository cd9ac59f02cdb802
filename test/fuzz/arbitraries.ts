// fast-check generators for hostile Dockerfiles: seeds mutated by edits that stress the
// parsers (unbalanced quotes and substitutions, broken here-documents, stray line endings,
// NUL, BOM, lone surrogates) and raw bytes for the CLI's decoder.
import fc from 'fast-check';
import { SEEDS } from './harness';

const GLIBC_URL = 'https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk';

/** Fragments that each break or bend one parser rule. */
export const HOSTILE_FRAGMENTS: readonly string[] = [
  '$(',
  ')',
  '${',
  '}',
  '$((',
  '"',
  "'",
  '`',
  '\\',
  '\\\n',
  '\\\r\n',
  ' \\ \n',
  '<<EOF\n',
  '<<-EOF\n',
  "<<'EOF'\n",
  'EOF\n',
  '\n',
  '\r',
  '\r\n',
  '\t',
  '\0',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\u2028',
  '😀',
  '#',
  '# escape=`\n',
  '# muslcheck ignore=MC1002\n',
  '# muslcheck ignore=\n',
  'FROM ',
  'FROM alpine:3.19\n',
  'FROM frolvlad/alpine-glibc\n',
  'RUN ',
  'ONBUILD ',
  'ARG X(=1\n',
  'ARG GLIBC_VERSION=2.35-r1\n',
  'ENV ',
  'COPY --from=0 ',
  '--allow-untrusted ',
  ' && ',
  ' || ',
  ' | ',
  ';',
  'apk add glibc ',
  'apk add glibc-2.35-r1.apk ',
  '/etc/apk/keys/sgerrand.rsa.pub ',
  '/usr/glibc-compat/lib ',
  GLIBC_URL,
  '[',
  ']',
  '=',
  '["sh", "-c", "',
];

/** One edit applied to a seed. */
type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'duplicate-line'; at: number }
  | { op: 'line-endings'; style: 'crlf' | 'cr' | 'mixed' }
  | { op: 'bom' };

const position = fc.nat({ max: 1_000_000 });

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: fc.constantFrom(...HOSTILE_FRAGMENTS) }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('insert' as const), at: position, text: fc.string({ unit: 'binary', maxLength: 8 }) }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: position }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate-line' as const), at: position }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('line-endings' as const),
      style: fc.constantFrom('crlf' as const, 'cr' as const, 'mixed' as const),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
);

/** Applies one mutation; positions wrap around the current length. */
export function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? m.at % (text.length + 1) : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'duplicate-line': {
      const start = text.lastIndexOf('\n', at - 1) + 1;
      const end = text.indexOf('\n', at);
      const line = text.slice(start, end < 0 ? text.length : end + 1);
      return text.slice(0, start) + line + (line.endsWith('\n') ? '' : '\n') + text.slice(start);
    }
    case 'line-endings': {
      const lf = text.replace(/\r\n?/g, '\n');
      if (m.style === 'crlf') return lf.replace(/\n/g, '\r\n');
      if (m.style === 'cr') return lf.replace(/\n/g, '\r');
      let n = 0;
      return lf.replace(/\n/g, () => ['\n', '\r\n', '\r'][n++ % 3]);
    }
    case 'bom':
      return text.startsWith('\uFEFF') ? text : '\uFEFF' + text;
  }
}

/** A seed (any, or only those passing `filter`) with up to `maxMutations` mutations. */
export function mutatedSeed(maxMutations = 8, filter: (text: string) => boolean = () => true): fc.Arbitrary<string> {
  const seeds = SEEDS.filter((s) => filter(s.text)).map((s) => s.text);
  return fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: maxMutations }))
    .map(([seed, mutations]) => mutations.reduce(mutate, seed));
}

/** Arbitrary text assembled from hostile fragments only: no seed structure at all. */
export const fragmentSoup: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.string({ maxLength: 6 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

/**
 * Lines that make instruction boundaries hard to see: continuations (with trailing blanks, in a
 * comment, with another escape character), blank and comment lines inside them, directives,
 * here-documents, quotes across lines, joined by LF, CRLF or a lone CR.
 */
export const lineSoup: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.constantFrom(
          'FROM alpine:3.19',
          'RUN apk add glibc \\',
          'RUN apk add gcompat',
          '  curl \\  ',
          '# comment \\',
          '\t# indented comment',
          '',
          '   ',
          '\\',
          'ENV A=1 \\',
          // Same length: a RUN after either sits at the same offset but reads another value.
          'ARG V=glibc',
          'ARG V=curl1',
          'RUN apk add $V',
          'ONBUILD RUN apk add glibc',
          '# escape=`',
          'RUN wget x.apk `',
          'ARG X=\\\\',
          'RUN echo "a',
          'b"',
          'COPY <<EOF /x',
          'EOF',
          'RUN cat <\\',
          '<EOF',
          'RUN ["sh", \\',
          '"-c", "apk add glibc"]',
          'x',
        ),
        fc.constantFrom(...HOSTILE_FRAGMENTS),
      ),
      { maxLength: 16 },
    ),
    fc.constantFrom('\n', '\r\n', '\r'),
  )
  .map(([lines, lineBreak]) => lines.join(lineBreak));

/** Bytes: random ones, or a seed's UTF-8 with bytes overwritten (often invalid UTF-8). */
export const hostileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }),
  fc
    .tuple(mutatedSeed(2), fc.array(fc.tuple(position, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }))
    .map(([text, flips]) => {
      const bytes = new Uint8Array(Buffer.from(text, 'utf8'));
      for (const [at, value] of flips) if (bytes.length) bytes[at % bytes.length] = value;
      return bytes;
    }),
);
