// What one analysis can reuse from earlier ones: the readings of instructions and shell
// scripts, by their text. An editor re-analyses a document on every keystroke with all but one
// instruction unchanged, and a repository's Dockerfiles share many lines, so most of a
// re-analysis comes from here. Results are identical with or without a cache.
import { LruMap } from './lru';
import type { InstructionChunk } from './dockerfile';
import type { ScriptSyntax } from './shell-syntax';

/** Sizes of a ParseCache, in entries. */
export interface ParseCacheSize {
  /** Shell scripts (RUN bodies, `sh -c` payloads). */
  scripts?: number;
  /** Runs of Dockerfile lines that start with an instruction. */
  chunks?: number;
}

/**
 * Readings of Dockerfile chunks and shell scripts, least recently used dropped first. Create one
 * per editor session or per CLI run and pass it to every `analyze` call.
 */
export class ParseCache {
  readonly scripts: LruMap<string, ScriptSyntax>;
  readonly chunks: LruMap<string, InstructionChunk>;

  constructor(size: ParseCacheSize = {}) {
    this.scripts = new LruMap(size.scripts ?? 4096);
    this.chunks = new LruMap(size.chunks ?? 16384);
  }
}

/**
 * Longest text kept in a cache. Longer scripts and chunks are rare and would hold much memory;
 * they are read again each time.
 */
export const MAX_CACHED_TEXT = 64 * 1024;
