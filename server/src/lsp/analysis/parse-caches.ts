// The analysis service's parse cache: one for every open document, since a repository's
// Dockerfiles share many lines, and a record of which entries each document's last analysis
// read. Closing a document drops the entries no other open document read, so a large document
// gives back what it held when it is closed instead of when its entries age out.
import { BoundedCache } from '../../parse/bounded-cache';
import type { InstructionChunk } from '../../parse/dockerfile';
import { ParseCache } from '../../parse/parse-cache';
import type { ScriptSyntax } from '../../parse/shell-syntax';

/** A view of a shared cache that records the keys read or written through it. */
class RecordingCache<V> extends BoundedCache<string, V> {
  used = new Set<string>();

  constructor(private readonly shared: BoundedCache<string, V>) {
    super(0);
  }

  override get size(): number {
    return this.shared.size;
  }

  override get(key: string): V | undefined {
    const value = this.shared.get(key);
    if (value !== undefined) this.used.add(key);
    return value;
  }

  override set(key: string, value: V): void {
    this.shared.set(key, value);
    this.used.add(key);
  }

  override delete(key: string): void {
    this.shared.delete(key);
  }
}

/** One document's way into the shared cache. */
export interface DocumentCache {
  /** What `analyze` is given. */
  cache: ParseCache;
  /** Starts a new record of what the document reads: call before each analysis of it. */
  restart(): void;
}

/** The parse cache of every open document. */
export class SharedParseCaches {
  private readonly shared = new ParseCache();
  private readonly views = new Map<string, { scripts: RecordingCache<ScriptSyntax>; chunks: RecordingCache<InstructionChunk> }>();

  /** The cache of a document, for as long as it is open. */
  open(uri: string): DocumentCache {
    const scripts = new RecordingCache(this.shared.scripts);
    const chunks = new RecordingCache(this.shared.chunks);
    this.views.set(uri, { scripts, chunks });
    const cache: ParseCache = { scripts, chunks, origins: this.shared.origins, runs: this.shared.runs };
    return {
      cache,
      restart: () => {
        scripts.used = new Set();
        chunks.used = new Set();
      },
    };
  }

  /** A document was closed: drop what only it read. */
  close(uri: string): void {
    const closed = this.views.get(uri);
    this.views.delete(uri);
    if (!closed) return;
    for (const kind of ['scripts', 'chunks'] as const) {
      const others = [...this.views.values()].map((views) => views[kind].used);
      for (const key of closed[kind].used) if (!others.some((used) => used.has(key))) closed[kind].delete(key);
    }
  }
}
