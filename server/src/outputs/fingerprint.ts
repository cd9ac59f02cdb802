// Fingerprints that identify a finding across commits: a hash of the code, the text of the
// instruction it is in (whitespace and line continuations normalised) and the matched text,
// plus an occurrence number for identical instructions. Line numbers are left out on
// purpose, so adding a line above a finding keeps its fingerprint (and its CI alert).
import { createHash } from 'node:crypto';
import type { Finding } from '../rules/types';
import type { FileResult } from './types';

/** One fingerprint per finding of the result, in the same order. */
export function fingerprints(result: FileResult): string[] {
  const seen = new Map<string, number>();
  return result.findings.map((finding) => {
    const hash = createHash('sha256')
      .update(
        `${finding.code}\0${normalise(instructionText(result, finding))}\0${normalise(result.text.slice(finding.span.start, finding.span.end))}`,
      )
      .digest('hex')
      .slice(0, 32);
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  });
}

/** The text of the instruction holding the finding, or of its lines when instructions are unknown. */
function instructionText(result: FileResult, finding: Finding): string {
  const instruction = result.instructions?.find((i) => i.span.start <= finding.span.start && finding.span.end <= i.span.end);
  if (instruction) return result.text.slice(instruction.span.start, instruction.span.end);
  const start = result.text.lastIndexOf('\n', Math.max(0, finding.span.start - 1)) + 1;
  const newline = result.text.indexOf('\n', finding.span.end);
  return result.text.slice(start, newline < 0 ? result.text.length : newline);
}

/** Drops line continuations and collapses whitespace, so re-wrapping a RUN keeps the fingerprint. */
function normalise(text: string): string {
  return text
    .replace(/[\\`][ \t]*\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
