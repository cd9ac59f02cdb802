// When each open document is analysed, and the analysis of its current version. Each version
// is analysed at most once per settings generation, and every feature reads that one result.
// An edit after a pause is analysed at once; edits in quick succession are debounced by what
// the document's last analysis cost, so typing fast into a costly document analyses once at
// the end. A newer edit cancels the pending analysis, and a result computed for a version that
// has since changed is dropped rather than published. One parse cache serves every document,
// so a re-analysis re-reads only the instructions an edit touched.
import { analyze } from '../../analyze';
import { unknownBaseImages } from '../../node/image-resolution';
import { ParseCache } from '../../parse/parse-cache';
import { LineIndex } from '../../parse/text';
import type { DocumentSettings } from '../configuration';
import { isCheckedDocument, type OpenDocument, type OpenDocuments } from '../documents';
import { PositionCodec, type PositionEncoding } from '../position-encoding';
import type { DocumentAnalysis } from './document-analysis';
import { ImageLookups } from './image-lookups';

/** What the scheduler needs from the server around it. */
export interface SchedulerHost {
  encoding: PositionEncoding;
  documents: OpenDocuments;
  /** Settings for a document. Never rejects. */
  settingsFor(uri: string): Promise<DocumentSettings>;
  /** Called with the newest analysis of a document after an open, edit or settings change. */
  analyzed(analysis: DocumentAnalysis): void;
  /** Called when analysing a document failed, which is a bug. */
  failed(uri: string, error: unknown): void;
  /** Longest pause after an edit before analysing (default DEFAULT_DEBOUNCE_MS). */
  debounceMs?: number;
}

/** Default longest pause after an edit. */
export const DEFAULT_DEBOUNCE_MS = 150;

/** A document whose last analysis took less than this is analysed at once after an edit. */
export const IMMEDIATE_ANALYSIS_MS = 5;

/**
 * The pause before analysing an edit, from the time since the document's previous edit and
 * what its last analysis cost (undefined: not known yet). An edit after a quiet spell of at
 * least twice that cost is analysed at once. A quicker one is part of a burst and waits twice
 * the cost (at most `maxMs`), so a keystroke that follows within it replaces the pending
 * analysis and fast typing analyses once at the end; a cheap document never waits. The spell
 * is not capped like the pause: keystrokes typed while a long analysis blocked are read right
 * after it and must still count as a burst.
 */
export function debounceDelay(sinceLastEditMs: number, lastCostMs: number | undefined, maxMs: number): number {
  if (lastCostMs === undefined) return sinceLastEditMs >= maxMs ? 0 : maxMs;
  if (lastCostMs < IMMEDIATE_ANALYSIS_MS || sinceLastEditMs >= 2 * lastCostMs) return 0;
  return Math.min(maxMs, Math.ceil(2 * lastCostMs));
}

interface CachedAnalysis {
  version: number;
  generation: number;
  analysis: Promise<DocumentAnalysis>;
}

/** Analyses the open documents of one connection. */
export class AnalysisScheduler {
  private readonly analyses = new Map<string, CachedAnalysis>();
  /** Pending analyses, by how to cancel them. */
  private readonly timers = new Map<string, () => void>();
  /** How long each document's last analysis took, in milliseconds. */
  private readonly costs = new Map<string, number>();
  /** When each document was last edited (performance.now()). */
  private readonly lastEdits = new Map<string, number>();
  private readonly lookups: ImageLookups;
  private readonly parseCache = new ParseCache();
  private generation = 0;

  constructor(private readonly host: SchedulerHost) {
    this.lookups = new ImageLookups(
      () => {
        for (const { uri } of this.host.documents.all()) {
          this.analyses.delete(uri);
          this.schedule(uri, 0);
        }
      },
      (refs, error) => this.host.failed(refs, error),
    );
  }

  /** A document was opened: analyse it at once. */
  opened(uri: string): void {
    this.schedule(uri, 0);
  }

  /** A document was edited: analyse the new version at once after a pause, else debounced. */
  changed(uri: string): void {
    this.analyses.delete(uri);
    const now = performance.now();
    const since = now - (this.lastEdits.get(uri) ?? -Infinity);
    this.lastEdits.set(uri, now);
    this.schedule(uri, debounceDelay(since, this.costs.get(uri), this.host.debounceMs ?? DEFAULT_DEBOUNCE_MS));
  }

  /** A document was closed: forget it and any pending work on it. */
  closed(uri: string): void {
    this.cancel(uri);
    this.analyses.delete(uri);
    this.costs.delete(uri);
    this.lastEdits.delete(uri);
  }

  /** Settings changed: re-analyse every open document. */
  settingsChanged(): void {
    this.generation++;
    this.analyses.clear();
    this.lookups.clear();
    for (const { uri } of this.host.documents.all()) this.schedule(uri, 0);
  }

  /**
   * The analysis of the document's current version, computed now if no pending one fits.
   * Resolves to null for a document that is not open.
   */
  async analysis(uri: string): Promise<DocumentAnalysis | null> {
    for (;;) {
      const document = this.host.documents.get(uri);
      if (!document) return null;
      let cached = this.analyses.get(uri);
      if (!cached || cached.version !== document.version || cached.generation !== this.generation) {
        cached = { version: document.version, generation: this.generation, analysis: this.compute(document) };
        this.analyses.set(uri, cached);
      }
      let analysis: DocumentAnalysis;
      try {
        analysis = await cached.analysis;
      } catch (error) {
        // Do not keep a failure: the next request tries again.
        if (this.analyses.get(uri) === cached) this.analyses.delete(uri);
        throw error;
      }
      // An edit or a settings change while the settings were fetched makes this stale.
      const now = this.host.documents.get(uri);
      if (!now || (now.version === analysis.version && cached.generation === this.generation)) return now ? analysis : null;
    }
  }

  /** Cancels all pending work (shutdown). */
  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private schedule(uri: string, delay: number): void {
    this.cancel(uri);
    const run = (): void => {
      this.timers.delete(uri);
      void this.publish(uri);
    };
    if (delay > 0) {
      const timer = setTimeout(run, delay);
      this.timers.set(uri, () => clearTimeout(timer));
      return;
    }
    // At once, but after the messages already received: vscode-jsonrpc handles one queued
    // message per setImmediate, and the one it queued behind this edit runs before a second
    // immediate, so a newer edit still cancels this analysis. setTimeout(0) waits 1 ms.
    let immediate = setImmediate(() => {
      immediate = setImmediate(run);
    });
    this.timers.set(uri, () => clearImmediate(immediate));
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
  }

  private async publish(uri: string): Promise<void> {
    const version = this.host.documents.get(uri)?.version;
    try {
      const analysis = await this.analysis(uri);
      // A newer edit has its own analysis scheduled; it publishes.
      if (analysis && analysis.version === version && !this.timers.has(uri)) this.host.analyzed(analysis);
    } catch (error) {
      this.host.failed(uri, error);
    }
  }

  private async compute(document: OpenDocument): Promise<DocumentAnalysis> {
    const { settings, options, imageLookup } = await this.host.settingsFor(document.uri);
    const checked = settings.enable && isCheckedDocument(document.uri, document.languageId);
    const facts = imageLookup ? [...(options.imageFacts ?? []), ...this.lookups.known()] : options.imageFacts;
    const started = performance.now();
    const result = checked ? analyze(document.text, { ...options, imageFacts: facts, cache: this.parseCache }) : null;
    if (this.host.documents.get(document.uri)) this.costs.set(document.uri, performance.now() - started);
    if (result && imageLookup) this.lookups.lookUp(unknownBaseImages(result.model), imageLookup);
    const lines = result ? result.model.parsed.lines : new LineIndex(document.text);
    return {
      uri: document.uri,
      version: document.version,
      text: document.text,
      codec: new PositionCodec(lines, this.host.encoding),
      settings,
      options,
      result,
    };
  }
}
