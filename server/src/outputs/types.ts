// What every output format receives: per-file results of one run.
import type { ContextFacts } from '../model/context-copies';
import type { Stage } from '../model/model';
import type { Span } from '../parse/text';
import type { Finding } from '../rules/types';

/** The outcome for one checked file. */
export interface FileResult {
  /** The path as the user named it (or the --stdin-filename). */
  file: string;
  text: string;
  findings: Finding[];
  /** Stages of the model, for formats that show them. */
  stages: Stage[];
  /** Where each instruction is, for fingerprints that survive line shifts; lines are used without it. */
  instructions?: readonly { span: Span }[];
  /** What was read from the build context, when anything was. */
  context?: ContextFacts | null;
}

/** A problem with the run itself (a file that could not be read), for formats that record it. */
export interface RunNotification {
  file: string;
  message: string;
}

/** Settings of the output, decided by the CLI. */
export interface FormatContext {
  color: boolean;
  /** The tool's version, for formats that record it. */
  version: string;
  /** Problems of the run itself; SARIF records them in its invocation. */
  notifications?: readonly RunNotification[];
}

/** One output format. */
export interface Formatter {
  name: string;
  description: string;
  format(results: readonly FileResult[], context: FormatContext): string;
}
