// Loads the bash grammar for tests that run the analyzer from source (tsx), where the
// build's out/grammars copy is not next to the code.
import { readFileSync } from 'node:fs';
import { initAnalyzer } from '../../server/src/analyze';

/** Initialises the analyzer from the tree-sitter-bash package. */
export function initAnalyzerForTests(): Promise<void> {
  return initAnalyzer({ grammar: readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')) });
}
