// The records of the stage model, apart from the code that builds them, so that each builder
// (model.ts, copies.ts) can read them without importing another builder.
import type { Libc } from '../knowledge/images';
import type { Runtime } from '../knowledge/runtime-images';
import type { ParsedDockerfile, ParsedInstruction } from '../parse/dockerfile';
import type { ElfInfo } from '../parse/elf';
import type { ExpansionLimits } from '../parse/limits';
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
  /** For glibc on musl: the runtime the base carries, as far as it can be told. */
  runtime: Runtime | null;
  /** True when only the base image's name says glibc on musl. */
  byName: boolean;
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
  /** The stage's COPY/ADD instructions that read the build context. */
  contextCopies: ContextCopy[];
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
  /**
   * What an adapter read from the build context for the COPY/ADD sources (see
   * `contextPatterns`); without it, rules that judge context files stay silent.
   */
  contextFacts?: ContextFacts;
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
  /** The build-context facts the caller supplied, or null when none were read. */
  context: ContextFacts | null;
  /**
   * The document's expansion budget, for every substitution made on it (also by rules), and
   * the places where expansion stopped at a limit.
   */
  expansion: ExpansionLimits;
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

/** One source argument of a COPY/ADD from the context. */
export interface ContextSource {
  /** The source as BuildKit reads it: variables substituted, relative to the context. */
  pattern: string;
  span: Span;
}

/** A COPY or ADD that reads the build context. */
export interface ContextCopy {
  instruction: ParsedInstruction;
  stage: Stage;
  sources: ContextSource[];
  /** `--exclude=` patterns (Dockerfile 1.7+), variables substituted: files they match are not copied. */
  excludes: string[];
}

/** One file of the context that a source matched, with its ELF facts when it is ELF. */
export interface ContextFile {
  /** Path relative to the context, `/`-separated. */
  path: string;
  elf: ElfInfo;
}

/** What one source pattern matched in the context. */
export interface ContextMatch {
  /** Regular files the pattern reached (after .dockerignore). */
  files: number;
  /** The ELF files among them (those whose first bytes are ELF's magic). */
  elf: ContextFile[];
}

/** The facts an adapter gathered from the build context for a Dockerfile's sources. */
export interface ContextFacts {
  /** The context folder, as shown to people. */
  root: string;
  /** What each pattern (`ContextSource.pattern`) matched; a pattern not here was not read. */
  matches: ReadonlyMap<string, ContextMatch>;
  /** Files looked at and bytes read, for --print-stages. */
  filesVisited: number;
  bytesRead: number;
  /** Set when a bound stopped the reading early: which one. Findings may then be missing. */
  limit: string | null;
}
