// Shared by the fuzz tests and `npm run fuzz`: starts the analyzer and checks the invariants
// every analysis must keep, whatever the input.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, initAnalyzer, type AnalysisResult, type AnalyzeOptions } from '../../server/src/analyze';

/** Loads the bash grammar straight from its package, so the tests need no build. */
export function initAnalyzerForFuzzing(): Promise<void> {
  return initAnalyzer({ grammar: readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')) });
}

/** A Dockerfile read from a fixture folder. */
export interface Fixture {
  name: string;
  text: string;
}

/** Reads every file of a fixture folder, sorted by name. */
export function readFixtures(folder: string): Fixture[] {
  const directory = join(__dirname, folder);
  return readdirSync(directory)
    .filter((name) => !name.startsWith('.') && !name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(directory, name), 'utf8') }));
}

/** The seeds that the mutation fuzzers start from. */
export const SEEDS: readonly Fixture[] = readFixtures('seeds');

/**
 * Analyzes `text` and throws an Error naming the first broken invariant: analyze threw, a
 * rule crashed, or a finding, related location or fix edit points outside the document.
 */
export function analyzeChecked(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  let result: AnalysisResult;
  try {
    result = analyze(text, options);
  } catch (error) {
    throw new Error(`analyze threw: ${(error as Error).stack ?? error}`, { cause: error });
  }
  if (result.internalErrors.length) {
    throw new Error(`a rule crashed: ${result.internalErrors.map((e) => `${e.code}: ${e.message}`).join('; ')}`);
  }
  const inside = (span: { start: number; end: number }, what: string): void => {
    if (!(
      Number.isInteger(span.start) &&
      Number.isInteger(span.end) &&
      0 <= span.start &&
      span.start <= span.end &&
      span.end <= text.length
    )) {
      throw new Error(`${what} has span ${JSON.stringify(span)} outside a document of ${text.length} characters`);
    }
  };
  const lines = result.model.parsed.lines;
  for (const finding of result.findings) {
    inside(finding.span, finding.code);
    const range = lines.rangeOf(finding.span);
    if (JSON.stringify(range) !== JSON.stringify(finding.range)) {
      throw new Error(`${finding.code} range ${JSON.stringify(finding.range)} does not match its span (${JSON.stringify(range)})`);
    }
    for (const related of finding.related) inside(related.span, `${finding.code} related location`);
    for (const fix of finding.fixes) {
      const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
      edits.forEach((edit, i) => {
        inside(edit.span, `${finding.code} fix "${fix.title}"`);
        if (i > 0 && edit.span.start < edits[i - 1].span.end) throw new Error(`${finding.code} fix "${fix.title}" has overlapping edits`);
      });
    }
  }
  return result;
}
