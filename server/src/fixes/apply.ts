// Applies edits to text: sorted by position, overlapping ones refused, applied from the end
// so earlier offsets stay valid.
import type { Edit, Fix } from './types';

/** Applies non-overlapping edits; throws when two overlap, which is a bug in a rule. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].span.start < sorted[i - 1].span.end) {
      throw new Error(`overlapping edits at offsets ${sorted[i - 1].span.start} and ${sorted[i].span.start}`);
    }
  }
  let result = text;
  for (let i = sorted.length - 1; i >= 0; i--) {
    const { span, newText } = sorted[i];
    result = result.slice(0, span.start) + newText + result.slice(span.end);
  }
  return result;
}

/** True when two fixes touch overlapping text. */
function fixesOverlap(a: Fix, b: Fix): boolean {
  return a.edits.some((x) =>
    b.edits.some(
      (y) =>
        (x.span.start < y.span.end && y.span.start < x.span.end) ||
        (x.span.start === y.span.start && x.span.end === x.span.start && y.span.end === y.span.start),
    ),
  );
}

/**
 * Picks a set of fixes that can be applied together: the preferred fix of each finding,
 * each distinct change once, skipping any that overlaps one already picked (the next pass
 * of `--fix` picks it up after re-analysis).
 */
export function selectFixes(fixes: readonly Fix[]): Fix[] {
  const picked: Fix[] = [];
  const keys = new Set<string>();
  for (const fix of fixes) {
    if (keys.has(fix.key)) continue;
    if (picked.some((p) => fixesOverlap(p, fix))) continue;
    keys.add(fix.key);
    picked.push(fix);
  }
  return picked;
}
