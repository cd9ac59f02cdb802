// The messages between the language server and its analysis service (a worker thread). The
// server sends each document once and then only its edits, so a keystroke costs a few bytes
// however large the document; the service sends back summaries, never parse trees.
import type { Edit } from '../../fixes/types';
import type { DocumentSettings } from '../configuration';
import type { AnalysisSummary } from './summary';

/** One edit in UTF-16 offsets of the text before it. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** Asks the worker to end. */
export const STOP = 'stop';

/** What the server asks of the service. */
export type ServiceRequest =
  | { type: 'open'; uri: string; languageId: string; version: number; text: string }
  | { type: 'change'; uri: string; version: number; changes: TextChange[] }
  | { type: 'close'; uri: string }
  /** Analyse this version, unless the document has changed again by the time its turn comes. */
  | { type: 'analyse'; uri: string; version: number; generation: number; settings: DocumentSettings }
  | { type: 'fixAll'; id: number; uri: string; version: number; settings: DocumentSettings };

/** What the service tells the server. */
export type ServiceEvent =
  /** An analysis begins: if the service dies now, this version is why. */
  | { type: 'started'; uri: string; version: number }
  | { type: 'analysed'; uri: string; version: number; generation: number; result: AnalysisSummary | null }
  | { type: 'fixAll'; id: number; edit: Edit | null }
  /** A bug: analysing `uri` (or looking up the images it names) threw. */
  | { type: 'failed'; uri: string; version: number | null; message: string };
