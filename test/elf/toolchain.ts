// Builds the real binaries the ELF and build-context tests read: gcc (glibc, dynamic and
// static) and musl-gcc (Debian's musl-tools). A missing compiler skips the tests that need
// it with one line saying how to install it, unless MUSLCHECK_TEST_STRICT=1 (CI) makes that
// a failure.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireProgram } from '../support/programs';

/** How to install each compiler on Debian. */
const INSTALL: Readonly<Record<string, string>> = {
  gcc: 'apt-get install gcc libc6-dev (scripts/ci/setup-compilers.sh)',
  'musl-gcc': 'apt-get install musl-tools (scripts/ci/setup-compilers.sh)',
};

/**
 * Skips the running test (or hook) when `tool` is missing, printing what is missing and how
 * to install it; throws instead under MUSLCHECK_TEST_STRICT=1 (test/support/programs.ts).
 */
export function requireTool(context: Mocha.Context, tool: string): void {
  requireProgram(context, tool, INSTALL[tool] ?? `install ${tool}`);
}

const PROGRAM = '#include <stdio.h>\nint main(void) { puts("hello"); return 0; }\n';
const LIBRARY = '#include <stdio.h>\nint answer(void) { return puts("42"); }\n';

/** Compiles the test program with `tool` and `flags` into `dir/name`; returns its path. */
export function compile(tool: string, flags: readonly string[], dir: string, name: string, library = false): string {
  const source = join(dir, `${name}.c`);
  writeFileSync(source, library ? LIBRARY : PROGRAM);
  const output = join(dir, name);
  execFileSync(tool, [...flags, '-o', output, source], { stdio: 'pipe' });
  return output;
}

/** A fresh temporary folder. */
export function scratchFolder(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `muslcheck-${prefix}-`));
}
