// Generators for the classes of input that hit muslcheck's limits (issue #22): scripts nested
// around and past the shell nesting limit, variables that grow at each ARG, ENV or shell
// assignment, and paths and streams that are not ordinary files.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';

/** Ways to wrap a command one level deeper, as [before, after]. */
const WRAPPERS: readonly (readonly [string, string])[] = [
  ['( ', ' )'],
  // Unspaced: `((` is two subshells to /bin/sh, arithmetic to bash.
  ['(', ')'],
  // The space keeps `$( (` from reading as arithmetic `$((`.
  ['echo $( ', ' )'],
  ['{ ', '; }'],
  ['if true; then ', '; fi'],
  ['for i in 1; do ', '; done'],
  ['while false; do :; done; ( ', ' )'],
];

/** A RUN whose `apk add glibc` sits under `depth` random wrappers, maybe in a `sh -c` payload. */
export interface NestedScript {
  text: string;
  depth: number;
}

export const nestedScript: fc.Arbitrary<NestedScript> = fc
  .record({
    // Mostly near the limit, where a miss would hide; sometimes far past it.
    depth: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 60, max: 140 }), fc.integer({ min: 180, max: 420 })),
    choice: fc.array(fc.nat(WRAPPERS.length - 1), { minLength: 420, maxLength: 420 }),
    payload: fc.boolean(),
  })
  .map(({ depth, choice, payload }) => {
    let script = 'apk add glibc';
    for (let i = 0; i < depth; i++) {
      const [before, after] = WRAPPERS[choice[i]];
      script = `${before}${script}${after}`;
    }
    return { text: `FROM alpine:3.19\nRUN ${payload ? `sh -c '${script}'` : script}\n`, depth };
  });

/** One step of variable growth: how a new value is made from earlier ones. */
const growthStep = fc.oneof(
  fc.constant((a: string) => `\${${a}}\${${a}}`),
  fc.constant((a: string, b: string) => `$${a}$${b}$${a}`),
  fc.constant((a: string, b: string) => `\${${a}:-x}\${${b}}`),
  fc.constant((a: string) => `\${MISSING:-\${${a}}\${${a}}}`),
  fc.constant((a: string) => `pre-\${${a}}-\${${a}}-post`),
);

/**
 * A Dockerfile whose ARG/ENV values grow (often doubling) over up to 40 lines, then used in a
 * RUN that also doubles a shell variable, and an `apk add glibc` that must still be found.
 */
export const variableGrowth: fc.Arbitrary<string> = fc
  .record({
    start: fc.string({ minLength: 1, maxLength: 40 }).map((s) => s.replace(/[^A-Za-z0-9._-]/g, 'x') || 'x'),
    steps: fc.array(fc.tuple(growthStep, fc.nat(), fc.nat(), fc.constantFrom('ARG', 'ENV')), { minLength: 1, maxLength: 40 }),
    shellDoublings: fc.integer({ min: 0, max: 30 }),
    global: fc.boolean(),
  })
  .map(({ start, steps, shellDoublings, global }) => {
    const lines = [`ARG V0=${start}`];
    steps.forEach(([step, a, b, keyword], i) => {
      const earlier = (k: number) => `V${k % (i + 1)}`;
      lines.push(`${keyword} V${i + 1}=${step(earlier(a), earlier(b))}`);
    });
    const last = `V${steps.length}`;
    const body = global ? [lines[0], 'FROM alpine:3.19', ...lines.slice(1)] : ['FROM alpine:3.19', ...lines];
    const shell = `RUN X="$${last}"; ${'X="$X$X"; '.repeat(shellDoublings)}echo "$X" >/dev/null`;
    return [...body, shell, `COPY $${last} /dest/`, 'RUN apk add glibc', ''].join('\n');
  });

/** Special files to read as Dockerfiles, made once per process in a temporary folder. */
let specials: string[] | null = null;

function specialPaths(): string[] {
  if (specials) return specials;
  const folder = mkdtempSync(join(tmpdir(), 'muslcheck-fuzz-special-'));
  process.on('exit', () => rmSync(folder, { recursive: true, force: true }));
  const fifo = join(folder, 'Dockerfile.fifo');
  execFileSync('mkfifo', [fifo]);
  const directory = join(folder, 'Dockerfile.d');
  mkdirSync(directory);
  specials = ['/dev/zero', '/dev/urandom', '/dev/null', '/dev/full', fifo, directory];
  return specials;
}

/** A path that is not a regular file, or a regular file of a random size (the path and whether it is special). */
export const specialOrRegularPath: fc.Arbitrary<{ path: string; special: boolean }> = fc.oneof(
  fc.nat(5).map((i) => ({ path: specialPaths()[i], special: true })),
  fc.string({ maxLength: 200 }).map((text) => {
    const file = join(specialPaths()[4], '..', `Dockerfile.${Buffer.from(text).toString('hex').slice(0, 32) || 'empty'}`);
    writeFileSync(file, text);
    return { path: file, special: false };
  }),
);

/** One big buffer that stream chunks are cut from, so runs do not allocate megabytes each. */
const FILLER = Buffer.alloc(12 * 1024 * 1024, 0x23);

/** A stream of `total` bytes ('#') in chunks of random sizes, for standard input. */
export function chunkedStream(total: number, sizes: readonly number[]): Readable {
  const chunks: Buffer[] = [];
  // Tiny chunks only for small streams: ten million one-byte chunks would test the test.
  const floor = total > 65_536 ? 4096 : 1;
  let at = 0;
  for (let i = 0; at < total; i++) {
    const size = Math.min(Math.max(sizes[i % sizes.length], floor), total - at);
    chunks.push(FILLER.subarray(at, at + size));
    at += size;
  }
  return Readable.from(chunks);
}

/** Sizes around the file size limit `max`, and chunk sizes from one byte to a megabyte. */
export const streamAroundLimit = (max: number) =>
  fc.record({
    total: fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.integer({ min: max - 2, max: max + 2 }), fc.constant(FILLER.length)),
    sizes: fc.array(fc.oneof(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 1 << 20 })), { minLength: 1, maxLength: 8 }),
  });

/** Which file system call of the --fix writer fails, at which of its calls, and the texts. */
export const writeFailure = fc.record({
  call: fc.constantFrom('openSync', 'writeSync', 'fchownSync', 'fchmodSync', 'fsyncSync', 'closeSync', 'renameSync'),
  at: fc.nat(3),
  // A short write (fewer bytes than asked) before any failure, as a full pipe or disk gives.
  shortWrites: fc.boolean(),
  original: fc.string({ maxLength: 3000 }),
  fixed: fc.string({ minLength: 1, maxLength: 30000 }),
  code: fc.constantFrom('ENOSPC', 'EIO', 'EACCES', 'EPERM', 'EXDEV', 'EDQUOT'),
});

export type WriteFailure = typeof writeFailure extends fc.Arbitrary<infer T> ? T : never;
