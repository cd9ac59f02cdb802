// What one analysis can reuse from earlier ones: the readings of instructions and shell
// scripts, by their text. An editor re-analyses a document on every keystroke with all but one
// instruction unchanged, and a repository's Dockerfiles share many lines, so most of a
// re-analysis comes from here. Results are identical with or without a cache.
// Each reader declares the part of the cache it uses (ChunkCache, ScriptCache, RunCache), so
// the readers do not import this module and it sits above them all.
import { BoundedCache } from './bounded-cache';
import type { ChunkCache, InstructionChunk, ParsedInstruction, RunOrigin } from './dockerfile';
import type { CachedRun, RunCache } from './run-commands';
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
export class ParseCache implements ChunkCache, RunCache {
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
