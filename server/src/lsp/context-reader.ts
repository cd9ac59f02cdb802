// Build-context files for the language server, read off the typing path: an analysis runs
// with the facts read last time (none at first), and afterwards, in the background, the
// context is read again when the COPY/ADD sources or the context folder changed, when
// watched files changed, or when the last read is older than a few seconds (unchanged files
// are recognised by modification time and size and not opened again). When the new facts
// differ, the document is analysed again and its diagnostics published anew.
import type { ContextFacts } from '../model/context-copies';
import { contextPatterns } from '../model/context-copies';
import type { DockerfileModel } from '../model/model';
import { readContextFacts } from '../node/context-files';

/** Where a document's build context is: its file and the context folder. */
export interface ContextLocation {
  dockerfile: string;
  folder: string;
}

interface DocumentContext {
  /** What was read: folder and patterns, so a change of either reads again. */
  request: string;
  facts: ContextFacts;
  digest: string;
  readAt: number;
  /** How long the read took: a context that is slow to read is read less often. */
  took: number;
}

/** The digest of no facts: what an analysis before the first read used. */
const NOTHING_READ = digestOf(null);

/** Default age after which an analysis reads the context again. */
export const CONTEXT_REFRESH_MS = 3000;

/** Per open document: the context facts of its last read, and the reads in flight. */
export class ContextReader {
  private readonly documents = new Map<string, DocumentContext>();
  private readonly reading = new Set<string>();
  /** Documents whose sources changed while a read was in flight: analysed again after it. */
  private readonly stale = new Set<string>();
  /** Documents still open: a read that ends after a close is dropped. */
  private readonly open = new Set<string>();

  /** `changed` is called when a document's facts changed and it should be analysed again. */
  constructor(
    private readonly changed: (uri: string) => void,
    private readonly refreshMs = CONTEXT_REFRESH_MS,
  ) {}

  /** The facts to analyse a document with, when any were read. */
  factsFor(uri: string): ContextFacts | undefined {
    return this.documents.get(uri)?.facts;
  }

  /** After an analysis: reads the context in the background if it may have changed. */
  afterAnalysis(uri: string, model: DockerfileModel, location: ContextLocation | null): void {
    this.open.add(uri);
    const patterns = location ? contextPatterns(model) : [];
    const known = this.documents.get(uri);
    if (!location || !patterns.length) {
      if (known) {
        this.documents.delete(uri);
        if (known.digest !== NOTHING_READ) this.changed(uri);
      }
      return;
    }
    const request = JSON.stringify([location.folder, patterns]);
    // At most a tenth of the time goes to reading a large context again.
    if (known && known.request === request && performance.now() - known.readAt < Math.max(this.refreshMs, 10 * known.took)) return;
    if (this.reading.has(uri)) {
      this.stale.add(uri);
      return;
    }
    this.reading.add(uri);
    // After the current message (and the diagnostics it publishes), never inside it.
    setImmediate(() => {
      const started = performance.now();
      void readContextFacts(location.folder, location.dockerfile, patterns)
        .then((facts) => {
          if (!this.open.has(uri)) return;
          const digest = digestOf(facts);
          const previous = this.documents.get(uri)?.digest ?? NOTHING_READ;
          const now = performance.now();
          this.documents.set(uri, { request, facts, digest, readAt: now, took: now - started });
          // A context without ELF files changes no finding: no second analysis for it.
          if (previous !== digest) this.changed(uri);
        })
        .catch(() => undefined)
        .finally(() => {
          this.reading.delete(uri);
          if (this.stale.delete(uri) && this.open.has(uri)) this.changed(uri);
        });
    });
  }

  /** Files changed on disk (or settings did): the next analysis of each document reads again. */
  invalidate(): void {
    for (const context of this.documents.values()) context.readAt = -Infinity;
  }

  /** A document was closed. */
  forget(uri: string): void {
    this.open.delete(uri);
    this.stale.delete(uri);
    this.documents.delete(uri);
  }
}

/** What of the facts can change a finding: the ELF files per pattern and the bound. */
function digestOf(facts: ContextFacts | null): string {
  if (!facts) return JSON.stringify([[], null]);
  const withElf = [...facts.matches].filter(([, match]) => match.elf.length > 0);
  const matches = withElf.map(([pattern, match]) => [
    pattern,
    match.files,
    match.elf.map((f) => [
      f.path,
      f.elf.machine,
      f.elf.bits,
      f.elf.endian,
      f.elf.linking,
      f.elf.interpreter,
      f.elf.needed,
      f.elf.versionNeeds,
    ]),
  ]);
  return JSON.stringify([matches, facts.limit]);
}
