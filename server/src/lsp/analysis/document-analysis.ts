// What every provider reads: one analysed version of a document.
import type { PositionCodec } from '../position-encoding';
import type { AnalysisSummary } from './summary';

/** One analysed document version. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  /** The text of that version (the document may have changed since). */
  text: string;
  /** Converts the analyzer's UTF-16 offsets to the client's positions for this text. */
  codec: PositionCodec;
  /** Null when the document is not checked: not a Dockerfile, or muslcheck is disabled. */
  result: AnalysisSummary | null;
}
