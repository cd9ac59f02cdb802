// Positions as the client counts them. The analyzer works in UTF-16 (JavaScript strings),
// which is also LSP's default; a client may offer UTF-8 instead, and then every character
// offset on a line is a byte count. Conversion is per line, so only lines with non-ASCII
// text cost anything.
import type { Position, Range } from 'vscode-languageserver';
import type { LineIndex, Span } from '../parse/text';

/** The position encodings the server speaks. */
export type PositionEncoding = 'utf-16' | 'utf-8';

/**
 * Picks the encoding from what the client offers (`general.positionEncodings`): UTF-8
 * whenever it is offered, since that is what editors outside VS Code count natively and
 * what they get most wrong otherwise; UTF-16, which every client must support, when not.
 */
export function negotiatePositionEncoding(offered: readonly string[] | undefined): PositionEncoding {
  return offered?.includes('utf-8') ? 'utf-8' : 'utf-16';
}

/** Converts between the analyzer's UTF-16 offsets and the client's positions for one text. */
export class PositionCodec {
  constructor(
    readonly lines: LineIndex,
    readonly encoding: PositionEncoding,
  ) {}

  /** A client position for a UTF-16 document offset. */
  toClient(offset: number): Position {
    const position = this.lines.positionAt(offset);
    if (this.encoding === 'utf-16') return position;
    const lineStart = this.lines.lineStarts[position.line];
    return { line: position.line, character: utf8Length(this.lines.text, lineStart, lineStart + position.character) };
  }

  /** A client range for a UTF-16 span. */
  spanToClient(span: Span): Range {
    return { start: this.toClient(span.start), end: this.toClient(span.end) };
  }

  /** The UTF-16 document offset of a client position, clamped to the document and its line. */
  toOffset(position: Position): number {
    if (this.encoding === 'utf-16') return this.lines.offsetAt(position);
    if (position.line < 0) return 0;
    if (position.line >= this.lines.lineCount) return this.lines.text.length;
    const start = this.lines.lineStarts[position.line];
    return utf16OffsetOfByte(this.lines.text, start, this.lines.lineEnd(position.line), position.character);
  }

  /** The UTF-16 span of a client range. */
  rangeToSpan(range: Range): Span {
    return { start: this.toOffset(range.start), end: this.toOffset(range.end) };
  }
}

/** Bytes that `text.slice(from, to)` takes in UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes). */
export function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * The offset in `[start, end]` that lies `bytes` UTF-8 bytes after `start`. A byte count
 * that falls inside a character resolves to that character's start, so a range never
 * splits a character.
 */
function utf16OffsetOfByte(text: string, start: number, end: number, bytes: number): number {
  let seen = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1));
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3;
    if (seen + size > bytes) break;
    seen += size;
    i += pair ? 2 : 1;
  }
  return i;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
