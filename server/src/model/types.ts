// The records of the stage model, apart from the code that builds them, so that each builder
// (model.ts, copies.ts) can read them without importing another builder.
import type { Libc } from '../knowledge/images';
import type { ParsedDockerfile, ParsedInstruction } from '../parse/dockerfile';
import type { ParseCache } from '../parse/parse-cache';
import type { RunCommands } from '../parse/run-commands';
import type { Span } from '../parse/text';
import type { ImageReference } from './image-reference';
import type { ImageFact } from './libc';
import type { VariableScope } from './variables';

/** One build stage. */
export interface Stage {
  index: number;
  /** The `AS name`, lower-cased as Docker compares it. */
  name: string | null;
  from: ParsedInstruction;
  /** The image as written after FROM. */
  imageText: string | null;
  /** The image after ARG substitution. */
  resolvedImage: string | null;
  reference: ImageReference | null;
  /** The earlier stage this one builds on (`FROM base`). */
  parent: Stage | null;
  libc: Libc;
  /** True when the base is an Alpine image with glibc bolted on. */
  glibcOnMusl: boolean;
  /** Why we believe `libc` and `glibcOnMusl`, for people. */
  reason: string;
  /** For bases judged from outside the knowledge base: the evidence of glibc on musl. */
  evidence: string | null;
  /** Instructions after FROM, up to the next FROM, including ONBUILD triggers. */
  instructions: ParsedInstruction[];
  runs: RunCommands[];
  /** True when a RUN of this stage or a parent stage calls apk. */
  usesApk: boolean;
  /** Variables in scope after the stage's last ARG/ENV. */
  scope: VariableScope;
  /** Variables in scope for each instruction of the stage. */
  scopes: Map<ParsedInstruction, VariableScope>;
  /** The stage's `COPY --from` instructions, with the libc of their source. */
  copies: StageCopy[];
}

/** Options that change how images resolve. */
export interface ModelOptions {
  /** `--build-arg` values: they override ARG defaults. */
  buildArgs?: Readonly<Record<string, string>>;
  /** Extra image knowledge (configuration, registry lookups). */
  imageFacts?: readonly ImageFact[];
  /**
   * Readings of instructions and scripts to reuse across analyses (one per editor session or
   * CLI run). Without one, everything is read afresh.
   */
  cache?: ParseCache;
}

/** Everything the rules read. */
export interface DockerfileModel {
  parsed: ParsedDockerfile;
  stages: Stage[];
  /** ARGs declared before the first FROM, with build-arg overrides. */
  globalScope: VariableScope;
  /** Instructions before the first FROM (global ARGs, directives). */
  preamble: ParsedInstruction[];
  /** Every `COPY --from`, with the libc of what it copies from. */
  copies: StageCopy[];
}

/** A `COPY --from=...` and what it reads from. */
export interface StageCopy {
  instruction: ParsedInstruction;
  /** The stage the COPY is in. */
  into: Stage;
  /** The stage named or numbered by --from, or null when it names an image. */
  fromStage: Stage | null;
  /** The image named by --from, when it is not a stage. */
  fromImage: string | null;
  libc: Libc;
  reason: string;
  /** The --from value's span. */
  fromSpan: Span;
  /** Source paths (every argument but the last), resolved with the stage's variables. */
  sources: { path: string; span: Span }[];
}
