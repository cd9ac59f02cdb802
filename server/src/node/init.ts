// Node.js side of analyzer start-up: loads the bash grammar that the build copied next to
// the compiled code. Kept out of the pure core, which never touches the file system.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initAnalyzer } from '../analyze';

/** Path of the bundled tree-sitter-bash grammar. */
export const GRAMMAR_PATH = join(__dirname, '..', 'grammars', 'tree-sitter-bash.wasm');

/** Initialises the analyzer from the bundled grammar. */
export async function initAnalyzerForNode(): Promise<void> {
  await initAnalyzer({ grammar: readFileSync(GRAMMAR_PATH) });
}
