// The single edit behind "Fix all": every safe fix applied, re-analysing between rounds so
// fixes that overlapped an earlier one still get their turn. It runs where the analyses run.
import { analyze, type AnalyzeOptions } from '../../analyze';
import { applyEdits, selectFixes } from '../../fixes/apply';
import type { Edit, Fix } from '../../fixes/types';
import type { ParseCache } from '../../parse/parse-cache';
import type { Finding } from '../../rules/types';

/** Rounds of fix, re-analyse, fix again that fix-all runs before it stops. */
const FIX_ALL_ROUNDS = 5;

/** True when fix-all would change something: some finding has a safe fix. */
export function hasSafeFix(findings: readonly Finding[]): boolean {
  return findings.some((finding) => safeFix(finding) !== null);
}

/** One edit (UTF-16 offsets) that applies every safe fix to `text`; null when nothing is fixed. */
export function fixAllEdit(text: string, findings: readonly Finding[], options: AnalyzeOptions, cache?: ParseCache): Edit | null {
  let fixed = text;
  let remaining = findings;
  for (let round = 0; round < FIX_ALL_ROUNDS; round++) {
    const picked = selectFixes(remaining.map(safeFix).filter((fix): fix is Fix => fix !== null));
    if (!picked.length) break;
    fixed = applyEdits(
      fixed,
      picked.flatMap((fix) => fix.edits),
    );
    remaining = analyze(fixed, { ...options, cache }).findings;
  }
  return fixed === text ? null : minimalEdit(text, fixed);
}

/** The fix fix-all applies for a finding: its preferred fix when safe, else its first safe one. */
function safeFix(finding: Finding): Fix | null {
  const safe = finding.fixes.filter((fix) => fix.safety === 'safe');
  return safe.find((fix) => fix.preferred) ?? safe[0] ?? null;
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
