// Tests that drive a real system program (an editor, a registry, a browser, pre-commit) ask
// for it here. When it is missing the test is skipped with one line that names the program
// and how to install it, so `npm test` passes on a machine with only Node, npm and git.
// With MUSLCHECK_TEST_STRICT=1 (CI, after scripts/ci/*.sh) a missing program fails the test
// instead: CI must prove the editors work, not skip them.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** Whether a missing program fails instead of skipping. */
export function strictPrograms(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.MUSLCHECK_TEST_STRICT === '1';
}

/** The executable `program` resolves to on PATH (or the absolute path itself), or null. */
export function findProgram(program: string, path = process.env.PATH ?? ''): string | null {
  const candidates = isAbsolute(program)
    ? [program]
    : path
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, program));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** The one line a skip prints, and a strict run fails with. */
export function missingMessage(program: string, install: string): string {
  return `${program} is not installed: ${install}`;
}

/** Programs already reported missing in this run, so a suite of tests prints one line. */
const reported = new Set<string>();

/** Tests and suites skipped here; test/support/skips.ts fails every other skip. */
const skippedHere = new WeakSet<Mocha.Runnable | Mocha.Suite>();

/** Whether `test` was skipped by requireProgram (in itself or in a hook of a suite around it). */
export function skippedForMissingProgram(test: Mocha.Test): boolean {
  for (let at: Mocha.Runnable | Mocha.Suite | undefined = test; at; at = at.parent) if (skippedHere.has(at)) return true;
  return false;
}

/**
 * Returns the path of `program`, or skips the calling test or hook (`ctx` is mocha's `this`)
 * after printing what is missing and how to install it. Under MUSLCHECK_TEST_STRICT=1 it
 * throws instead, which fails the test.
 */
export function requireProgram(ctx: Mocha.Context, program: string, install: string): string {
  return findProgram(program) ?? skipFor(ctx, missingMessage(program, install));
}

/** Like requireProgram, for a file a program needs (an editor plugin): it need not be executable. */
export function requireFile(ctx: Mocha.Context, file: string, install: string): string {
  try {
    accessSync(file, constants.R_OK);
    return file;
  } catch {
    return skipFor(ctx, missingMessage(file, install));
  }
}

function skipFor(ctx: Mocha.Context, message: string): never {
  if (strictPrograms()) throw new Error(`${message} (MUSLCHECK_TEST_STRICT=1 turns this skip into a failure)`);
  if (!reported.has(message)) {
    reported.add(message);
    process.stdout.write(`  skipped: ${message}\n`);
  }
  const runnable = ctx.test;
  // Skipped in a hook, the whole suite is skipped; in a test, that test.
  const inHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  if (runnable) skippedHere.add(inHook && runnable.parent ? runnable.parent : runnable);
  ctx.skip();
}
