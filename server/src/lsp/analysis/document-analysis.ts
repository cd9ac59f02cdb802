// What every provider reads: one analysed version of a document.
import type { AnalysisResult, AnalyzeOptions } from '../../analyze';
import type { MuslcheckSettings } from '../features/settings';
import type { PositionCodec } from '../position-encoding';

/** One analysed document version. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  /** Converts the analyzer's UTF-16 offsets to the client's positions for this text. */
  codec: PositionCodec;
  settings: MuslcheckSettings;
  /** The analyzer options the settings gave, kept so fix-all can analyse its result again. */
  options: AnalyzeOptions;
  /** Null when the document is not checked: not a Dockerfile, or muslcheck is disabled. */
  result: AnalysisResult | null;
}
