// Builds the shell script that Docker would hand to `/bin/sh -c` for a RUN instruction,
// with a map from every script offset back to the Dockerfile, so findings underline the
// exact token even across line continuations and removed comment lines.
import type { ParsedInstruction } from './dockerfile';
import type { Span } from './text';

/** Shell text plus where each of its characters came from in the document. */
export interface ShellSource {
  text: string;
  /** Document offset of each script offset; one extra entry for the end. */
  offsets: Int32Array;
}

/** Maps a span of script offsets back to the document. */
export function toDocumentSpan(source: ShellSource, start: number, end: number): Span {
  const last = source.offsets.length - 1;
  const from = source.offsets[Math.max(0, Math.min(start, last))];
  // The end maps through the last character it covers, so a span never swallows a removed
  // continuation that follows it.
  const to = end > start ? source.offsets[Math.max(0, Math.min(end - 1, last))] + 1 : from;
  return { start: from, end: Math.max(from, to) };
}

/** A source whose text is a verbatim slice of the document. */
export function verbatimSource(documentText: string, span: Span): ShellSource {
  const text = documentText.slice(span.start, span.end);
  const offsets = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) offsets[i] = span.start + i;
  return { text, offsets };
}

/**
 * Joins the lines of an instruction's arguments the way Docker does: an escape character
 * followed by optional blanks and a line break continues the line, and comment lines inside
 * a continuation are dropped.
 */
export function joinContinuations(documentText: string, span: Span, escapeChar: string): ShellSource {
  if (isSingleLine(documentText, span, escapeChar)) return verbatimSource(documentText, span);
  // The text is built from runs of kept characters, and the offsets straight into their array.
  const parts: string[] = [];
  const offsets = new Int32Array(span.end - span.start + 1);
  let length = 0;
  let runStart = span.start;
  const keep = (end: number): void => {
    if (end <= runStart) return;
    parts.push(documentText.slice(runStart, end));
    for (let k = runStart; k < end; k++) offsets[length++] = k;
  };
  let i = span.start;
  let atLineStart = false;
  while (i < span.end) {
    if (atLineStart) {
      // Docker drops comment lines and empty lines inside a continued instruction.
      let j = i;
      while (j < span.end && (documentText[j] === ' ' || documentText[j] === '\t')) j++;
      if (documentText[j] === '#' || isLineBreak(documentText, j)) {
        let k = j;
        while (k < span.end && !isLineBreak(documentText, k)) k++;
        i = skipLineBreak(documentText, k);
        runStart = i;
        continue;
      }
      atLineStart = false;
    }
    if (documentText[i] === escapeChar) {
      let j = i + 1;
      while (j < span.end && (documentText[j] === ' ' || documentText[j] === '\t')) j++;
      if (j >= span.end || isLineBreak(documentText, j)) {
        keep(i);
        i = skipLineBreak(documentText, j);
        runStart = i;
        atLineStart = true;
        continue;
      }
    }
    i++;
  }
  keep(Math.min(i, span.end));
  offsets[length] = span.end;
  return { text: parts.join(''), offsets: offsets.subarray(0, length + 1) };
}

/**
 * True when a span holds no line break and does not end in an escape character (with only
 * blanks after it), which would continue it: most instructions, whose text is a verbatim slice.
 */
function isSingleLine(text: string, span: Span, escapeChar: string): boolean {
  for (let i = span.start; i < span.end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return false;
  }
  let last = span.end - 1;
  while (last >= span.start && (text[last] === ' ' || text[last] === '\t')) last--;
  return last < span.start || text[last] !== escapeChar;
}

function isLineBreak(text: string, i: number): boolean {
  return text[i] === '\n' || text[i] === '\r';
}

function skipLineBreak(text: string, i: number): number {
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  if (text[i] === '\r' || text[i] === '\n') return i + 1;
  return i;
}

/** Concatenates sources; each separator maps to the end of the part before it. */
export function concatSources(parts: ShellSource[], separator = '\n'): ShellSource {
  const text = parts.map((p) => p.text).join(separator);
  const offsets = new Int32Array(text.length + 1);
  let at = 0;
  parts.forEach((part, index) => {
    offsets.set(part.offsets.subarray(0, part.text.length), at);
    at += part.text.length;
    const end = part.offsets[part.text.length];
    for (let k = 0; k <= (index < parts.length - 1 ? separator.length : 0); k++) offsets[at + k] = end;
    if (index < parts.length - 1) at += separator.length;
  });
  return { text, offsets };
}

/** The RUN instruction's shell text for the part before any here-document body. */
export function runHeaderSource(documentText: string, instruction: ParsedInstruction, escapeChar: string): ShellSource | null {
  if (!instruction.argumentsSpan) return null;
  const firstBody = instruction.heredocs.find((h) => h.contentSpan || h.delimiterSpan);
  const bodyStart = firstBody ? (firstBody.contentSpan ?? firstBody.delimiterSpan)!.start : instruction.argumentsSpan.end;
  const end = Math.min(instruction.argumentsSpan.end, bodyStart);
  return joinContinuations(documentText, { start: instruction.argumentsSpan.start, end }, escapeChar);
}

/**
 * The source with a space between the parentheses of each `((` that does not open `$((`, or
 * null when there is none. The inserted spaces map to the document offset of the character
 * after them, so spans stay in the document.
 */
export function spaceDoubleParentheses(source: ShellSource): ShellSource | null {
  const { text } = source;
  let at = text.indexOf('((');
  while (at > 0 && text[at - 1] === '$') at = text.indexOf('((', at + 2);
  if (at < 0) return null;
  let spaced = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    spaced += text[i];
    offsets.push(source.offsets[i]);
    if (text[i] === '(' && text[i + 1] === '(' && text[i - 1] !== '$') {
      spaced += ' ';
      offsets.push(source.offsets[i + 1]);
    }
  }
  offsets.push(source.offsets[text.length]);
  return { text: spaced, offsets: Int32Array.from(offsets) };
}
