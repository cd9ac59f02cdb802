// --fix and --fix-dry-run: apply each finding's best allowed fix, analyse again and repeat
// until nothing changes (at most MAX_FIX_PASSES), like eslint --fix. The edits are the same
// Fix records the language server offers as quick fixes.
import { analyze, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { applyEdits, selectFixes } from '../fixes/apply';
import type { Fix } from '../fixes/types';
import type { Finding } from '../rules/types';

/** Passes before giving up on fixes that keep producing new fixes. */
export const MAX_FIX_PASSES = 10;

/** The outcome of fixing one text. */
export interface FixOutcome {
  text: string;
  /** Analysis of the final text: what is left to report. */
  analysis: AnalysisResult;
  /** Fixes applied over all passes. */
  applied: number;
  passes: number;
}

/** The fix to apply for a finding: its preferred allowed fix, else its first allowed one. */
export function chooseFix(finding: Finding, unsafe: boolean): Fix | undefined {
  const allowed = finding.fixes.filter((f) => unsafe || f.safety === 'safe');
  return allowed.find((f) => f.preferred) ?? allowed[0];
}

/** Fixes `text` until stable; `unsafe` allows unsafe fixes too. */
export function fixText(text: string, options: AnalyzeOptions, unsafe: boolean): FixOutcome {
  let current = text;
  let analysis = analyze(current, options);
  let applied = 0;
  let passes = 0;
  const seen = new Set([current]);
  while (passes < MAX_FIX_PASSES) {
    const fixes = selectFixes(analysis.findings.map((f) => chooseFix(f, unsafe)).filter((f): f is Fix => f !== undefined));
    if (!fixes.length) break;
    let next: string;
    try {
      next = applyEdits(
        current,
        fixes.flatMap((f) => f.edits),
      );
    } catch {
      // Overlapping edits are a rule bug; keep the text as it was rather than corrupt it.
      break;
    }
    passes++;
    // Fixes that undo each other would loop forever: stop at the first repeated text.
    if (seen.has(next)) break;
    seen.add(next);
    current = next;
    applied += fixes.length;
    analysis = analyze(current, options);
  }
  return { text: current, analysis, applied, passes };
}
