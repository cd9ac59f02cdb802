// Test-side text edits, written independently of the server's position code: UTF-16 edits
// go through vscode-languageserver-textdocument, UTF-8 ones through Node's Buffer.
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** The edits a workspace edit makes to one document. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  const fromChanges = edit.changes?.[uri] ?? [];
  const fromDocumentChanges = (edit.documentChanges ?? []).flatMap((change) =>
    'textDocument' in change && change.textDocument.uri === uri ? change.edits.filter((e): e is TextEdit => 'range' in e) : [],
  );
  return [...fromChanges, ...fromDocumentChanges];
}

/** Applies client edits to text, with positions counted in `encoding`. */
export function applyClientEdits(text: string, edits: readonly TextEdit[], encoding: 'utf-16' | 'utf-8' = 'utf-16'): string {
  if (encoding === 'utf-16') return TextDocument.applyEdits(TextDocument.create('test:doc', 'dockerfile', 0, text), [...edits]);
  const offset = (position: Position): number => utf8PositionToOffset(text, position);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

/** The UTF-16 offset of a position whose character counts UTF-8 bytes. */
export function utf8PositionToOffset(text: string, position: Position): number {
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/);
  let start = 0;
  for (let i = 0; i < position.line && i < lines.length; i++) start += lines[i].length;
  const line = (lines[position.line] ?? '').replace(/\r?\n$|\r$/, '');
  return start + Buffer.from(line, 'utf8').subarray(0, position.character).toString('utf8').length;
}

/** The UTF-8 character (byte) column of a UTF-16 column on a line. */
export function utf8Column(line: string, utf16Column: number): number {
  return Buffer.byteLength(line.slice(0, utf16Column), 'utf8');
}
