// Building blocks for fixes that edit whole instructions or shell command sequences while
// keeping the rest of the file byte for byte.
import type { ParsedDockerfile, ParsedInstruction } from '../parse/dockerfile';
import { dominantEol, type Span } from '../parse/text';
import type { Edit } from './types';

/** Removes an instruction with its line break (and any comment lines directly above it are kept). */
export function removeInstruction(doc: ParsedDockerfile, instruction: ParsedInstruction): Edit {
  const lines = doc.lines;
  const first = lines.positionAt(instruction.span.start).line;
  const last = lines.positionAt(instruction.span.end).line;
  const start = lines.lineStarts[first];
  const end = last + 1 < lines.lineCount ? lines.lineStarts[last + 1] : doc.text.length;
  if (last + 1 >= lines.lineCount && first > 0) {
    // The last line has no break of its own: take the one before it instead.
    return { span: { start: lines.lineEnd(first - 1), end }, newText: '' };
  }
  return { span: { start, end }, newText: '' };
}

/** Inserts a new instruction on the line after another one, indented like it. */
export function insertAfterInstruction(doc: ParsedDockerfile, instruction: ParsedInstruction, text: string): Edit {
  const lines = doc.lines;
  const last = lines.positionAt(instruction.span.end).line;
  const firstLine = lines.lineText(lines.positionAt(instruction.span.start).line);
  const indent = /^[ \t]*/.exec(firstLine)?.[0] ?? '';
  const at = lines.lineEnd(last);
  return { span: { start: at, end: at }, newText: `${dominantEol(doc.text)}${indent}${text}` };
}

/** True when text between two commands is only blanks, `&&`, `;`, line continuations and comments. */
export function isPlainSeparator(text: string, escapeChar: string): boolean {
  let sawOperator = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
    else if (c === escapeChar && /^[ \t]*(\r\n|\r|\n)/.test(text.slice(i + 1))) i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (text.startsWith('&&', i)) {
      if (sawOperator) return false;
      sawOperator = true;
      i += 2;
    } else if (c === ';') {
      if (sawOperator) return false;
      sawOperator = true;
      i++;
    } else return false;
  }
  return true;
}

/**
 * Edits that remove some commands of a `&&`/`;` sequence and keep the rest joined by their
 * own separators. `spans` are the sequence's commands in order, `remove[i]` says which go.
 * Returns null when every command would go (the caller removes the whole instruction).
 */
export function removeFromSequence(spans: readonly Span[], remove: readonly boolean[]): Edit[] | null {
  if (remove.every(Boolean)) return null;
  const edits: Edit[] = [];
  let i = 0;
  while (i < spans.length) {
    if (!remove[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < spans.length && remove[j + 1]) j++;
    // A run of removed commands takes the separator before it, or after it at the start.
    if (i > 0) edits.push({ span: { start: spans[i - 1].end, end: spans[j].end }, newText: '' });
    else edits.push({ span: { start: spans[i].start, end: spans[j + 1].start }, newText: '' });
    i = j + 1;
  }
  return edits;
}
