// The fuzz properties, shared by the short pass in `npm test` and the long `npm run fuzz`.
import fc from 'fast-check';
import { decodeText, MAX_FILE_BYTES } from '../../server/src/cli/files';
import { fragmentSoup, hostileBytes, lineSoup, mutatedSeed } from './arbitraries';
import { hostileElf } from './elf-arbitraries';
import { checkEveryFix, checkFixAll } from './fix-safety';
import { analyzeChecked } from './harness';
import { analyze, type AnalysisResult } from '../../server/src/analyze';
import { ParseCache } from '../../server/src/parse/parse-cache';
import { bytesSource, readElf } from '../../server/src/parse/elf';
import { judgeBinary } from '../../server/src/model/binary-verdict';
import type { ContextFacts } from '../../server/src/model/context-copies';
import { buildElf, type ElfSpec } from '../elf/build-elf';
import { FrameChecker } from '../../server/src/lsp/framing';

/** The reader's default budget of bytes per file. */
const ELF_BUDGET = 1024 * 1024;

/** A named property and how many runs the short pass gives it. */
export interface FuzzProperty {
  name: string;
  make(): fc.IProperty<[unknown]>;
  shortRuns: number;
}

const DECODER_ERRORS = new Set([
  'not a text file (it contains NUL bytes)',
  'not a text file (it is not valid UTF-8)',
  `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
]);

/** Every ELF check of a file: the reader returns within its bounds and the judge never throws. */
function checkElf(bytes: Uint8Array): void {
  let served = 0;
  const info = readElf({
    read(offset, length) {
      const out = bytesSource(bytes).read(offset, length);
      served += out?.length ?? 0;
      return out;
    },
  });
  if (!info) return;
  if (served > ELF_BUDGET) throw new Error(`the reader took ${served} bytes of a ${bytes.length}-byte file`);
  for (const libc of ['musl', 'glibc', 'none', 'unknown'] as const) judgeBinary(info, { libc, platform: 'linux/amd64' });
}

/** Build-context facts in which every COPY/ADD source is a glibc program, a musl one and a truncated one. */
const EVERY_SOURCE_A_PROGRAM: ContextFacts = (() => {
  const program = (spec: Partial<ElfSpec>) => readElf(bytesSource(buildElf({ bits: 64, endian: 'little', type: 3, ...spec })))!;
  const glibc = {
    interpreter: '/lib64/ld-linux-x86-64.so.2',
    needed: ['libc.so.6'],
    versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.17'] }],
  };
  const whole = buildElf({ bits: 64, endian: 'little', ...glibc });
  const match = {
    files: 3,
    elf: [
      { path: 'glibc', elf: program(glibc) },
      { path: 'musl', elf: program({ interpreter: '/lib/ld-musl-x86_64.so.1' }) },
      { path: 'cut', elf: readElf(bytesSource(whole.subarray(0, whole.length - 3)))! },
    ],
  };
  const matches = new Map<string, typeof match>();
  matches.get = () => match;
  return { root: '.', matches, filesVisited: 3, bytesRead: 0, limit: null };
})();

/** Seeds whose findings offer fixes: the glibc installs that mutations keep positive. */
const hasFixes = (text: string): boolean => analyze(text).findings.some((f) => f.fixes.length > 0);

/** What an analysis found and read, as text: findings, instructions, comments and every RUN's commands. */
function analysisSummary(result: AnalysisResult): string {
  const { parsed, stages } = result.model;
  return JSON.stringify({
    findings: result.findings,
    instructions: parsed.instructions,
    comments: parsed.comments,
    escape: parsed.escapeChar,
    runs: stages.map((stage) => stage.runs.map((run) => [run.commands, run.hasErrors, run.execForm])),
  });
}

/**
 * One cache for every run of the property, small enough that entries are dropped: later runs
 * read chunks and scripts that earlier inputs left in it, as an editor session does.
 */
const sharedCache = new ParseCache({ scripts: 64, chunks: 64 });

/** Analysing with the shared cache, twice, gives exactly what a fresh analysis gives. */
function sameWithCache(text: string): boolean {
  const fresh = analysisSummary(analyze(text));
  return (
    fresh === analysisSummary(analyze(text, { cache: sharedCache })) && fresh === analysisSummary(analyze(text, { cache: sharedCache }))
  );
}

/** A JSON-RPC frame of `body`. */
function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** Ways to corrupt the header of a frame of `body`, each followed by a sound frame. */
const CORRUPT_HEADERS: readonly ((body: Buffer, noise: string) => Buffer)[] = [
  (body, noise) => Buffer.concat([Buffer.from(`Content-Length: ${noise || 'x'}z\r\n\r\n`), body]),
  (body) => Buffer.concat([Buffer.from(`Content-Length: -${body.length}\r\n\r\n`), body]),
  (body) => Buffer.concat([Buffer.from(`Content-Length: ${1e12 + body.length}\r\n\r\n`), body]),
  (body) => Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n`), body]),
  (body, noise) => Buffer.concat([Buffer.from(`X-${noise}\r\n\r\n`), body]),
  // Shorter than the body: the rest of the body is read as the next header.
  (body) => Buffer.concat([Buffer.from(`Content-Length: 2\r\n\r\n{"`), body]),
];

/** Messages, then a corrupt one, then another: the check names a problem, whatever the chunks. */
const corruptStream = fc.record({
  before: fc.array(fc.json(), { maxLength: 4 }),
  body: fc.json(),
  noise: fc.string({ maxLength: 20 }).map((n) => n.replace(/[\r\n:]/g, '')),
  corruption: fc.nat(CORRUPT_HEADERS.length - 1),
  cuts: fc.array(fc.nat(4000), { maxLength: 6 }),
});

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'mutated seeds: analyze returns well-formed findings',
    make: () => fc.property(mutatedSeed(), (text) => void analyzeChecked(text)),
    shortRuns: 300,
  },
  {
    name: 'fragment soup: analyze returns well-formed findings',
    make: () => fc.property(fragmentSoup, (text) => void analyzeChecked(text)),
    shortRuns: 200,
  },
  {
    name: 'raw bytes through the CLI decoder: text is analyzed, the rest is a clean error',
    make: () =>
      fc.property(hostileBytes, (bytes) => {
        const decoded = decodeText(bytes);
        if ('error' in decoded) {
          if (!DECODER_ERRORS.has(decoded.error)) throw new Error(`unexpected decoder error: ${decoded.error}`);
        } else analyzeChecked(decoded.text);
      }),
    shortRuns: 150,
  },
  {
    name: 'a parse cache never changes the result',
    make: () => fc.property(fc.oneof(mutatedSeed(), fragmentSoup, lineSoup), sameWithCache),
    shortRuns: 400,
  },
  {
    name: 'hostile ELF files: the reader stays in bounds and the judge never throws',
    make: () => fc.property(hostileElf, (bytes) => void checkElf(bytes)),
    shortRuns: 500,
  },
  {
    name: 'mutated seeds whose every COPY source is a program: findings stay well formed',
    make: () => fc.property(mutatedSeed(), (text) => void analyzeChecked(text, { contextFacts: EVERY_SOURCE_A_PROGRAM })),
    shortRuns: 200,
  },
  {
    name: 'fuzzed positives: every offered fix is safe',
    make: () => fc.property(mutatedSeed(3, hasFixes).filter(hasFixes), (text) => void checkEveryFix(text)),
    shortRuns: 40,
  },
  {
    name: 'corrupt LSP frames: the framing check reports them, cut anywhere, and passes sound ones',
    make: () =>
      fc.property(corruptStream, ({ before, body, noise, corruption, cuts }) => {
        const sound = Buffer.concat(before.map(frame));
        const bodyBytes = Buffer.from(`{"jsonrpc":"2.0","method":"m","params":${body}}`);
        const stream = Buffer.concat([sound, CORRUPT_HEADERS[corruption](bodyBytes, noise), frame('{"jsonrpc":"2.0","method":"n"}')]);
        const push = (bytes: Buffer): string | null => {
          const checker = new FrameChecker();
          let from = 0;
          for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
            const problem = checker.push(bytes.subarray(from, cut));
            if (problem) return problem;
            from = cut;
          }
          return null;
        };
        if (push(sound) !== null) throw new Error('a sound stream was reported');
        if (push(stream) === null) throw new Error(`corruption ${corruption} was not reported`);
      }),
    shortRuns: 300,
  },
  {
    name: 'fuzzed positives: fix-all twice equals once',
    make: () => fc.property(mutatedSeed(3, hasFixes).filter(hasFixes), (text) => checkFixAll(text)),
    shortRuns: 25,
  },
];
