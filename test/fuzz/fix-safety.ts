// The fix-safety checks of issue #8: applying any offered fix keeps the Dockerfile readable,
// removes its finding, adds none, and touches no byte outside its edits; fix-all converges.
import { applyEdits, selectFixes } from '../../server/src/fixes/apply';
import type { Edit, Fix } from '../../server/src/fixes/types';
import type { Finding } from '../../server/src/rules/types';
import { chooseFix } from '../../server/src/fixes/fix-all';
import { analyzeAndFix, type AnalysisResult } from '../../server/src/analyze';
import { analyzeChecked } from './harness';

/**
 * The offsets of the original text an offset of the fixed text stood at: at an edit's edges,
 * the edges of the replaced span (both, where text was only deleted); inside its new text,
 * none.
 */
function mapBack(offset: number, edits: readonly Edit[]): number[] {
  let shift = 0;
  for (const edit of edits) {
    const newStart = edit.span.start + shift;
    const newEnd = newStart + edit.newText.length;
    if (offset < newStart) break;
    // Where text was deleted, the offset stood on either side of it.
    if (offset === newStart && newStart === newEnd) return [edit.span.start, edit.span.end];
    if (offset === newStart) return [edit.span.start];
    if (offset < newEnd) return [];
    if (offset === newEnd) return [edit.span.end];
    shift += edit.newText.length - (edit.span.end - edit.span.start);
  }
  return [offset - shift];
}

/** Number of RUN instructions whose shell text the parser could not read cleanly. */
function brokenRuns(result: AnalysisResult): number {
  return result.model.stages.reduce((n, stage) => n + stage.runs.filter((run) => run.hasErrors).length, 0);
}

function describe(finding: Finding, fix: Fix): string {
  return `${finding.code} at ${finding.range.start.line + 1}:${finding.range.start.character + 1}, fix "${fix.title}"`;
}

/** Checks one fix of one finding of `text`; throws an Error saying what broke. */
export function checkFix(text: string, before: AnalysisResult, finding: Finding, fix: Fix): void {
  const edits = [...fix.edits].sort((a, b) => a.span.start - b.span.start);
  const fixed = applyEdits(text, edits);
  const what = describe(finding, fix);

  // Every byte outside the edits is unchanged, in order.
  let cursor = 0;
  let at = 0;
  for (const edit of edits) {
    const kept = text.slice(cursor, edit.span.start);
    if (fixed.slice(at, at + kept.length) !== kept) throw new Error(`${what}: changed text before offset ${edit.span.start}`);
    at += kept.length;
    if (fixed.slice(at, at + edit.newText.length) !== edit.newText) throw new Error(`${what}: edit text not applied verbatim`);
    at += edit.newText.length;
    cursor = edit.span.end;
  }
  if (fixed.slice(at) !== text.slice(cursor)) throw new Error(`${what}: changed text after its last edit`);

  // A file written with CRLF (or LF) only stays that way.
  if (!/(^|[^\r])\n/.test(text) && /\r\n/.test(text) && /(^|[^\r])\n/.test(fixed))
    throw new Error(`${what}: added a bare LF to a CRLF file`);
  if (!text.includes('\r') && fixed.includes('\r')) throw new Error(`${what}: added a CR to an LF file`);

  const after = analyzeChecked(fixed);
  if (brokenRuns(after) > brokenRuns(before)) throw new Error(`${what}: left a RUN the shell parser cannot read\n${fixed}`);
  if (after.limit) throw new Error(`${what}: the fixed text is beyond a size limit`);

  const original = new Set(before.findings.map((f) => `${f.code}@${f.span.start}-${f.span.end}`));
  for (const g of after.findings) {
    const keys = mapBack(g.span.start, edits).flatMap((start) => mapBack(g.span.end, edits).map((end) => `${g.code}@${start}-${end}`));
    if (keys.includes(`${finding.code}@${finding.span.start}-${finding.span.end}`))
      throw new Error(`${what}: the finding is still there\n${fixed}`);
    if (!keys.some((key) => original.has(key))) {
      throw new Error(`${what}: added ${g.code} at ${g.range.start.line + 1}:${g.range.start.character + 1} (${g.message})\n${fixed}`);
    }
  }
}

/** Checks every fix of every finding in `text`. Returns how many fixes were checked. */
export function checkEveryFix(text: string): number {
  const before = analyzeChecked(text);
  let checked = 0;
  for (const finding of before.findings) {
    for (const fix of finding.fixes) {
      checkFix(text, before, finding, fix);
      checked++;
    }
  }
  return checked;
}

/**
 * Fix-all is idempotent: a second `--fix` (safe, or with unsafe fixes) changes nothing, and
 * one pass of `selectFixes` that skipped nothing leaves nothing for a second pass.
 */
export function checkFixAll(text: string): void {
  for (const unsafe of [false, true]) {
    const once = analyzeAndFix(text, {}, { unsafe });
    const twice = analyzeAndFix(once.text, {}, { unsafe });
    if (twice.text !== once.text)
      throw new Error(`fix-all (unsafe: ${unsafe}) is not idempotent:\n--- once\n${once.text}\n--- twice\n${twice.text}`);
  }
  const first = analyzeChecked(text);
  const wanted = first.findings.map((f) => chooseFix(f.fixes, false)).filter((f): f is Fix => f !== undefined);
  const picked = selectFixes(wanted);
  if (new Set(picked.map((f) => f.key)).size !== new Set(wanted.map((f) => f.key)).size) return;
  const pass = applyEdits(
    text,
    picked.flatMap((f) => f.edits),
  );
  const second = analyzeChecked(pass)
    .findings.map((f) => chooseFix(f.fixes, false))
    .filter((f): f is Fix => f !== undefined);
  if (second.length) throw new Error(`one fix-all pass left ${second.length} safe fixes to apply:\n${pass}`);
}
