// The shapes of muslcheck configuration: one partial layer per source (file, environment,
// command line), the resolved settings after merging them, and the options of one analysis
// that they become.
import type { ImageFact } from '../model/libc';
import type { ModelOptions } from '../model/model';
import type { Severity } from '../rules/types';

/** `--failure-threshold`: the least serious severity that fails a run, or `none`. */
export type FailureThreshold = Severity | 'none';

/** Every value `failure-threshold` accepts, most serious first. */
export const FAILURE_THRESHOLDS: readonly FailureThreshold[] = ['error', 'warning', 'info', 'style', 'none'];

/** What one source says. Absent keys leave the value of lower layers alone. */
export interface ConfigLayer {
  /** For editors (JSON files); ignored. */
  $schema?: string;
  ignored?: string[];
  /** Codes whose severity is changed, per new severity. */
  override?: Partial<Record<Severity, string[]>>;
  'failure-threshold'?: FailureThreshold;
  'no-fail'?: boolean;
  format?: string;
  'build-args'?: Record<string, string>;
  images?: ImageFact[];
  'disable-ignore-pragma'?: boolean;
  'report-unused-pragmas'?: boolean;
  /** Look unknown base images up in their registry (network; off by default). */
  'resolve-images'?: boolean;
  /** With resolve-images: use only the lookup cache, never the network. */
  offline?: boolean;
  /** With resolve-images: the platform picked from multi-platform images (`linux/amd64`). */
  platform?: string;
  /**
   * The build context COPY/ADD sources are read from: relative to the Dockerfile's folder
   * (the default context), or absolute.
   */
  context?: string;
}

/** Every key a configuration file may hold. */
export type ConfigKey = keyof ConfigLayer;

/** The settings of one run for one file, after merging every layer over the defaults. */
export interface ResolvedConfig {
  ignored: string[];
  /** Code -> severity, from `override`. */
  severities: Record<string, Severity>;
  failureThreshold: FailureThreshold;
  noFail: boolean;
  format: string;
  buildArgs: Record<string, string>;
  images: ImageFact[];
  disableIgnorePragma: boolean;
  reportUnusedPragmas: boolean;
  resolveImages: boolean;
  offline: boolean;
  platform: string;
  /** The build context folder, as configured (null: the Dockerfile's folder). */
  context: string | null;
}

/** A configuration problem with the place it was found (1-based line and column). */
export interface ConfigError {
  /** File path, `environment` or `command line`. */
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Options of one analysis. */
export interface AnalyzeOptions extends ModelOptions {
  /** Codes to skip entirely. */
  ignored?: readonly string[];
  /** When set, only these codes run. */
  only?: readonly string[];
  /** Per-code severity overrides. */
  severities?: Readonly<Record<string, Severity>>;
  /** Honour `# muslcheck ignore=` comments (default true). */
  pragmas?: boolean;
  /** Report pragma codes that suppress nothing as MC0002 (default false). */
  reportUnusedPragmas?: boolean;
}
