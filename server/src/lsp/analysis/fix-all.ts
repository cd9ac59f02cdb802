// The single edit behind "Fix all": every safe fix applied as `muslcheck --fix` would (the
// same loop, re-analysing between passes so fixes that overlapped an earlier one still get
// their turn). It runs where the analyses run.
import { analyzeAndFix, type AnalysisResult, type AnalyzeOptions } from '../../analyze';
import type { Edit } from '../../fixes/types';
import type { Finding } from '../../rules/types';

/** True when fix-all may change something: some finding has a safe fix. */
export function hasSafeFix(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.fixes.some((fix) => fix.safety === 'safe'));
}

/**
 * One edit (UTF-16 offsets) that applies every safe fix to `text`, whose analysis under
 * `options` is `analysis`; null when nothing is fixed.
 */
export function fixAllEdit(text: string, analysis: AnalysisResult, options: AnalyzeOptions): Edit | null {
  const fixed = analyzeAndFix(text, options, { unsafe: false, analysis }).text;
  return fixed === text ? null : minimalEdit(text, fixed);
}

/** One edit replacing only what differs between `before` and `after`. */
function minimalEdit(before: string, after: string): Edit {
  let start = 0;
  while (start < before.length && start < after.length && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < after.length - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  // Never cut a surrogate pair in two: a UTF-8 client could not express that position.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
