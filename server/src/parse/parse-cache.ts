// What one analysis can reuse from earlier ones: the readings of instructions and shell
// scripts, by their text. An editor re-analyses a document on every keystroke with all but one
// instruction unchanged, and a repository's Dockerfiles share many lines, so most of a
// re-analysis comes from here. Results are identical with or without a cache.
import type { RunCommands } from '../model/commands';
import { BoundedCache } from './bounded-cache';
import type { InstructionChunk, ParsedComment, ParsedInstruction } from './dockerfile';
import type { ScriptSyntax } from './shell-syntax';

/** Sizes of a ParseCache, in entries. */
export interface ParseCacheSize {
  /** Shell scripts (RUN bodies, `sh -c` payloads). */
  scripts?: number;
  /** Runs of Dockerfile lines that start with an instruction. */
  chunks?: number;
}

/**
 * Readings of Dockerfile chunks and shell scripts; entries not used for a while are dropped.
 * Create one per editor session or per CLI run and pass it to every `analyze` call.
 */
export class ParseCache {
  readonly scripts: BoundedCache<string, ScriptSyntax>;
  readonly chunks: BoundedCache<string, InstructionChunk>;
  /** For each placed RUN (see InstructionChunk.placement), the chunk's own reading it was moved from. */
  readonly origins = new WeakMap<ParsedInstruction, RunOrigin>();
  /**
   * By a chunk's own RUN reading: the commands last read for a placement of it, with the
   * variable values the reading used. Another placement with the same values gets them moved.
   */
  readonly runs = new WeakMap<ParsedInstruction, CachedRun>();

  constructor(size: ParseCacheSize = {}) {
    // About 2 KiB of records per entry. A generation (half the size) holds every chunk and
    // script of a 10,000-line document, so re-analysing one re-reads only what changed; larger
    // documents re-read some unchanged chunks, correctly but more slowly.
    this.scripts = new BoundedCache(size.scripts ?? 4096);
    this.chunks = new BoundedCache(size.chunks ?? 12288);
  }
}

/**
 * Longest text kept in a cache. Longer scripts and chunks are rare and would hold much memory;
 * they are read again each time.
 */
export const MAX_CACHED_TEXT = 64 * 1024;

/** A chunk's instructions and comments at one offset. */
export interface ChunkPlacement {
  start: number;
  instructions: readonly ParsedInstruction[];
  comments: readonly ParsedComment[];
}

/** Where a placed RUN comes from, and whether its chunk keeps that placement. */
export interface RunOrigin {
  reading: ParsedInstruction;
  kept: boolean;
}

/** A RUN's commands and every variable its reading looked up, with the value it got. */
export interface CachedRun {
  lookups: ReadonlyMap<string, string | undefined>;
  run: RunCommands;
}
