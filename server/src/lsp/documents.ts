// The open documents of one connection, as the client last described them: opened, edited
// incrementally in the client's position encoding, and closed. Which of them muslcheck checks
// is decided here too, from the language id and the file name.
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { isDockerfileName } from '../knowledge/file-names';
import { LineIndex } from '../parse/text';
import type { TextChange } from './analysis/protocol';
import { PositionCodec, type PositionEncoding } from './position-encoding';

/** An open document as the client last described it. */
export interface OpenDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** True for the documents muslcheck checks: language id `dockerfile` or a Dockerfile name. */
export function isCheckedDocument(uri: string, languageId: string): boolean {
  const id = languageId.toLowerCase();
  return id === 'dockerfile' || id === 'containerfile' || isDockerfileName(uriBaseName(uri));
}

/** The last path segment of a URI (`file:///a/Containerfile` → `Containerfile`). */
function uriBaseName(uri: string): string {
  const path = uri.split(/[?#]/, 1)[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The open documents and their current text. */
export class OpenDocuments {
  private readonly documents = new Map<string, OpenDocument>();

  constructor(private readonly encoding: PositionEncoding) {}

  /** The document as last opened or edited. */
  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  /** Every open document. */
  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  /** Starts tracking a document. */
  open(params: DidOpenTextDocumentParams): OpenDocument {
    const { uri, languageId, version, text } = params.textDocument;
    const document = { uri, languageId, version, text };
    this.documents.set(uri, document);
    return document;
  }

  /**
   * Applies an edit; returns the new document and the edit in UTF-16 offsets, or undefined
   * when the edit was ignored: an unknown document, or a version that does not grow (a stale
   * or misordered message, whose ranges would be applied to the wrong text).
   */
  change(params: DidChangeTextDocumentParams): { document: OpenDocument; changes: TextChange[] } | undefined {
    const document = this.documents.get(params.textDocument.uri);
    if (!document || params.textDocument.version <= document.version) return undefined;
    let text = document.text;
    const changes: TextChange[] = [];
    for (const change of params.contentChanges) {
      const span =
        'range' in change
          ? new PositionCodec(new LineIndex(text), this.encoding).rangeToSpan(change.range)
          : { start: 0, end: text.length };
      changes.push({ start: span.start, end: span.end, text: change.text });
      text = text.slice(0, span.start) + change.text + text.slice(span.end);
    }
    const changed = { ...document, version: params.textDocument.version, text };
    this.documents.set(document.uri, changed);
    return { document: changed, changes };
  }

  /** Forgets a document. */
  close(uri: string): void {
    this.documents.delete(uri);
  }
}
