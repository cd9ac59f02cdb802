// The one fix-all loop (like eslint --fix): apply each finding's best allowed fix, analyse
// again and repeat until nothing changes. The CLI's --fix, the editor's "fix all" action and
// the tests all run this, so they produce the same text. It knows nothing of rules: the
// caller analyses and says, per finding, which fixes it offers.
import { applyEdits, selectFixes } from './apply';
import type { Fix } from './types';

/** Passes before giving up on fixes that keep producing new fixes. */
export const MAX_FIX_PASSES = 10;

/** What the loop needs from its caller. */
export interface FixAllInput<A> {
  /** Analyses a text; run on the input (unless `analysis` is given) and after every pass. */
  analyze(text: string): A;
  /** The analysis of the input, when the caller has it already. */
  analysis?: A;
  /** The fixes each finding of an analysis offers, one list per finding. */
  fixesOf(analysis: A): readonly (readonly Fix[])[];
  /** Allow unsafe fixes too; otherwise only safe ones are applied. */
  unsafe: boolean;
  /** Defaults to MAX_FIX_PASSES. */
  maxPasses?: number;
  /** Sees every pass that changed the text, before it is analysed again (tests check it). */
  onPass?(pass: FixPass<A>): void;
}

/** One pass: the fixes picked on `before` (whose analysis is `analysis`) give `after`. */
export interface FixPass<A> {
  before: string;
  analysis: A;
  fixes: readonly Fix[];
  after: string;
}

/**
 * Why the loop stopped: nothing left to fix, a text came back (fixes undoing each other),
 * the pass limit, or a fix whose own edits overlap (a rule bug).
 */
export type FixAllStop = 'settled' | 'cycle' | 'limit' | 'overlap';

/** The outcome of fixing one text. */
export interface FixAllResult<A> {
  text: string;
  /** The analysis of `text`: what is left to report. */
  analysis: A;
  /** Fixes applied over all passes that were kept. */
  applied: number;
  /** Passes run, including one that was dropped because it repeated an earlier text. */
  passes: number;
  stop: FixAllStop;
}

/** The fix to apply for a finding: its preferred allowed fix, else its first allowed one. */
export function chooseFix(fixes: readonly Fix[], unsafe: boolean): Fix | undefined {
  const allowed = fixes.filter((f) => unsafe || f.safety === 'safe');
  return allowed.find((f) => f.preferred) ?? allowed[0];
}

/** Fixes `text` until stable, at most `maxPasses` passes; never returns a text seen to repeat. */
export function fixAll<A>(text: string, input: FixAllInput<A>): FixAllResult<A> {
  const maxPasses = input.maxPasses ?? MAX_FIX_PASSES;
  let current = text;
  let analysis = input.analysis ?? input.analyze(current);
  let applied = 0;
  let passes = 0;
  const seen = new Set([current]);
  while (passes < maxPasses) {
    const chosen = input.fixesOf(analysis).map((fixes) => chooseFix(fixes, input.unsafe));
    const fixes = selectFixes(chosen.filter((f): f is Fix => f !== undefined));
    if (!fixes.length) return { text: current, analysis, applied, passes, stop: 'settled' };
    let next: string;
    try {
      next = applyEdits(
        current,
        fixes.flatMap((f) => f.edits),
      );
    } catch {
      // Keep the text as it was rather than corrupt it.
      return { text: current, analysis, applied, passes, stop: 'overlap' };
    }
    passes++;
    // Fixes that undo each other would loop forever: stop at the first repeated text.
    if (seen.has(next)) return { text: current, analysis, applied, passes, stop: 'cycle' };
    seen.add(next);
    input.onPass?.({ before: current, analysis, fixes, after: next });
    current = next;
    applied += fixes.length;
    analysis = input.analyze(current);
  }
  const left = input.fixesOf(analysis).some((fixes) => chooseFix(fixes, input.unsafe));
  return { text: current, analysis, applied, passes, stop: left ? 'limit' : 'settled' };
}
