// Node.js side of analyzer start-up: loads the bash grammar that the build copied next to
// the compiled code. Kept out of the pure core, which never touches the file system.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initAnalyzer } from '../analyze';

const GRAMMAR_FILE = 'tree-sitter-bash.wasm';

/**
 * Where the grammar may be: next to compiled code (out/node and out/bundle → out/grammars, the
 * extension's dist/server → dist/grammars), beside a bundle, or in out/ when the sources run
 * directly (tests).
 */
const CANDIDATES = [
  join(__dirname, '..', 'grammars', GRAMMAR_FILE),
  join(__dirname, 'grammars', GRAMMAR_FILE),
  join(__dirname, '..', '..', 'out', 'grammars', GRAMMAR_FILE),
];

/** Path of the bundled tree-sitter-bash grammar. */
function grammarPath(): string {
  const found = CANDIDATES.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`muslcheck: the shell grammar ${GRAMMAR_FILE} is missing; looked in ${CANDIDATES.join(', ')}`);
  return found;
}

let started: Promise<void> | null = null;

/**
 * Initialises the analyzer from the bundled grammar. The first call starts the work and
 * later calls share it, so the language server can start compiling the grammar at once and
 * await it when the first request needs it.
 */
export function initAnalyzerForNode(): Promise<void> {
  started ??= Promise.resolve()
    .then(() => initAnalyzer({ grammar: readFileSync(grammarPath()) }))
    .catch((error: unknown) => {
      // A failed start is not kept: a later call tries again.
      started = null;
      throw error;
    });
  return started;
}
