// The fuzz properties, shared by the short pass in `npm test` and the long `npm run fuzz`.
import fc from 'fast-check';
import { decodeText, MAX_FILE_BYTES, readStreamBounded, readTextFile } from '../../server/src/cli/files';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, type WriteCalls } from '../../server/src/node/atomic-write';
import { MAX_EXPANDED_LENGTH } from '../../server/src/parse/limits';
import {
  chunkedStream,
  nestedScript,
  specialOrRegularPath,
  streamAroundLimit,
  variableGrowth,
  writeFailure,
  type NestedScript,
  type WriteFailure,
} from './limit-arbitraries';
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
  make(): fc.IProperty<[unknown]> | fc.IAsyncProperty<[unknown]>;
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

/** Depth up to which every wrapper of limit-arbitraries.ts is read in full. */
const SURELY_READ_DEPTH = 20;

/** The glibc install is found, or MC0003 says on its line where reading stopped. */
function foundOrToldWhy({ text, depth }: NestedScript): void {
  const result = analyzeChecked(text);
  const codes = result.findings.map((f) => f.code);
  const limits = result.findings.filter((f) => f.code === 'MC0003');
  if (limits.some((f) => f.range.start.line !== 1)) throw new Error('MC0003 is not on the RUN line');
  if (depth <= SURELY_READ_DEPTH && (limits.length || !codes.includes('MC1002'))) throw new Error(`depth ${depth}: ${codes.join(',')}`);
  if (!codes.includes('MC1002') && !limits.length) throw new Error(`depth ${depth}: the install is hidden and nothing says so`);
}

/** No value the analysis holds is longer than MAX_EXPANDED_LENGTH, and the install is still found. */
function boundedGrowth(text: string): void {
  const result = analyzeChecked(text);
  if (!result.findings.some((f) => f.code === 'MC1002')) throw new Error('the glibc install was not found');
  const stage = result.model.stages[0];
  for (let i = 0; i <= 41; i++) {
    const value = stage.scope.get(`V${i}`) ?? result.model.globalScope.get(`V${i}`);
    if (value !== undefined && value.length > MAX_EXPANDED_LENGTH) throw new Error(`V${i} holds ${value.length} characters`);
  }
  for (const run of stage.runs) {
    for (const command of run.commands) {
      for (const word of [command.name, ...command.args, ...command.assignments.map((a) => a.value)]) {
        if (word && word.value.length > MAX_EXPANDED_LENGTH + text.length) throw new Error(`a word holds ${word.value.length} characters`);
      }
    }
  }
}

/** One folder for the writer's runs, emptied after each. */
let writeFolder: string | null = null;

/** Whatever call of the --fix writer fails, the file holds its original or the whole fix, and no temporary file stays. */
function atomicUnderFailure(failure: WriteFailure): void {
  if (!writeFolder) {
    const folder = fs.mkdtempSync(join(tmpdir(), 'muslcheck-fuzz-write-'));
    process.on('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
    writeFolder = folder;
  }
  const file = join(writeFolder, 'Dockerfile');
  fs.writeFileSync(file, failure.original);
  let calls = 0;
  const fail = () => {
    if (calls++ === failure.at) throw Object.assign(new Error(`${failure.code}: injected`), { code: failure.code });
  };
  const real: WriteCalls = {
    realpathSync: (p) => fs.realpathSync(p),
    // Another owner, so that the chown step runs too.
    statSync: (p) => Object.assign(fs.statSync(p), { uid: 54321 }),
    openSync: (p, f, m) => fs.openSync(p, f, m),
    writeSync: (fd, b, o, l) => fs.writeSync(fd, b, o, failure.shortWrites ? Math.min(l, 1000) : l),
    fsyncSync: (fd) => fs.fsyncSync(fd),
    fchmodSync: (fd, m) => fs.fchmodSync(fd, m),
    fchownSync: () => undefined,
    closeSync: (fd) => fs.closeSync(fd),
    renameSync: (a, b) => fs.renameSync(a, b),
    unlinkSync: (p) => fs.unlinkSync(p),
  };
  const failing = real[failure.call] as (...args: never[]) => unknown;
  const injected: WriteCalls = { ...real, [failure.call]: (...args: never[]) => (fail(), failing(...args)) };
  let threw = false;
  try {
    writeFileAtomic(file, failure.fixed, injected);
  } catch {
    threw = true;
  }
  const now = fs.readFileSync(file, 'utf8');
  const left = fs.readdirSync(writeFolder);
  for (const name of left) if (name !== 'Dockerfile') fs.rmSync(join(writeFolder, name), { force: true });
  if (now !== failure.original && now !== failure.fixed)
    throw new Error(`the file holds ${now.length} characters: neither original nor fix`);
  if (now === failure.fixed && threw && failure.fixed !== failure.original) throw new Error('the fix was written, yet the writer failed');
  if (left.length !== 1) throw new Error(`left behind: ${left.join(', ')}`);
}

const NOT_REGULAR = /^not a regular file \(it is a (FIFO|character device|directory)\); pass `-` to read standard input$/;

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
  {
    name: 'nested scripts: the glibc install is found, or MC0003 says where reading stopped',
    make: () => fc.property(nestedScript, foundOrToldWhy),
    shortRuns: 60,
  },
  {
    name: 'growing variables: every value stays bounded and the glibc install is found',
    make: () => fc.property(variableGrowth, boundedGrowth),
    shortRuns: 60,
  },
  {
    name: 'device and FIFO paths are refused at once, regular files are read',
    make: () =>
      fc.asyncProperty(specialOrRegularPath, async ({ path, special }) => {
        const read = await readTextFile(path);
        if (special && !('error' in read && NOT_REGULAR.test(read.error)))
          throw new Error(`${path}: ${JSON.stringify(read).slice(0, 200)}`);
        if (!special && 'error' in read && !DECODER_ERRORS.has(read.error)) throw new Error(`${path}: ${read.error}`);
      }),
    shortRuns: 40,
  },
  {
    name: '--fix writes: whichever call fails, the file is the original or the whole fix',
    make: () => fc.property(writeFailure, atomicUnderFailure),
    shortRuns: 60,
  },
  {
    name: 'standard input stops at the size limit, whatever its chunks',
    make: () =>
      fc.asyncProperty(streamAroundLimit(MAX_FILE_BYTES), async ({ total, sizes }) => {
        const bytes = await readStreamBounded(chunkedStream(total, sizes));
        if (total > MAX_FILE_BYTES ? bytes !== null : bytes?.length !== total)
          throw new Error(`${total} bytes read as ${bytes?.length ?? 'too large'}`);
      }),
    shortRuns: 12,
  },
];
