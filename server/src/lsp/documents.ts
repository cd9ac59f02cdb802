// Open documents and their analyses. Each document version is parsed and analysed at most
// once per settings generation, and every feature reads that one result. An edit after a
// pause is analysed at once; edits in quick succession are debounced by what the document's
// last analysis cost, so typing fast into a costly document analyses once at the end. A newer
// edit cancels the pending analysis, and a result computed for a version that has since
// changed is dropped rather than published. One parse cache serves every document, so a
// re-analysis re-reads only the instructions an edit touched.
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver';
import { analyze, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { ParseCache } from '../parse/parse-cache';
import { isDockerfileName } from '../knowledge/file-names';
import type { ImageFact } from '../model/libc';
import { imageFactsFor, unknownBaseImages } from '../node/image-resolution';
import type { FetchOptions } from '../node/registry';
import { LineIndex } from '../parse/text';
import { ContextReader, type ContextLocation } from './context-reader';
import type { MuslcheckSettings } from './features/settings';
import { PositionCodec, type PositionEncoding } from './position-encoding';

/** An open document as the client last described it. */
export interface OpenDocument {
  uri: string;
  languageId: string;
  version: number;
  text: string;
}

/** One analysed document version: what every provider reads. */
export interface DocumentAnalysis {
  uri: string;
  version: number;
  text: string;
  /** Converts the analyzer's UTF-16 offsets to the client's positions for this text. */
  codec: PositionCodec;
  settings: MuslcheckSettings;
  /** The analyzer options the settings gave, kept so fix-all can analyse its result again. */
  options: AnalyzeOptions;
  /** Null when the document is not checked: not a Dockerfile, or muslcheck is disabled. */
  result: AnalysisResult | null;
}

/** The settings of one document and the analyzer options they come to. */
export interface DocumentSettings {
  settings: MuslcheckSettings;
  options: AnalyzeOptions;
  /** Registry lookup options when unknown base images are to be looked up, else null. */
  imageLookup?: FetchOptions | null;
  /** Where the document's build context is, for a file on disk; null or absent: not read. */
  context?: ContextLocation | null;
}

/** What the store needs from the server around it. */
export interface DocumentStoreHost {
  encoding: PositionEncoding;
  /** Settings for a document; asked once per document per settings generation. Never rejects. */
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

/** True for the documents muslcheck checks: language id `dockerfile` or a Dockerfile name. */
export function isCheckedDocument(uri: string, languageId: string): boolean {
  const id = languageId.toLowerCase();
  return id === 'dockerfile' || id === 'containerfile' || isDockerfileName(uriBaseName(uri));
}

/** The last path segment of a URI (`file:///a/Containerfile` → `Containerfile`). */
export function uriBaseName(uri: string): string {
  const path = uri.split(/[?#]/, 1)[0];
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** The open documents of one connection and the analyses of their current versions. */
export class DocumentStore {
  private readonly documents = new Map<string, OpenDocument>();
  private readonly analyses = new Map<string, CachedAnalysis>();
  private readonly settings = new Map<string, Promise<DocumentSettings>>();
  /** Pending analyses, by how to cancel them. */
  private readonly timers = new Map<string, () => void>();
  /** How long each document's last analysis took, in milliseconds. */
  private readonly costs = new Map<string, number>();
  /** When each document was last edited (performance.now()). */
  private readonly lastEdits = new Map<string, number>();
  /** Registry verdicts by image reference, and the references being looked up. */
  private readonly imageFacts = new Map<string, ImageFact>();
  private readonly lookups = new Set<string>();
  private readonly parseCache = new ParseCache();
  /** Build-context files, read after an analysis; new facts analyse the document again. */
  private readonly contextReader = new ContextReader((uri) => {
    this.analyses.delete(uri);
    this.schedule(uri, 0);
  });
  private generation = 0;

  constructor(private readonly host: DocumentStoreHost) {}

  /** The document as last opened or edited. */
  get(uri: string): OpenDocument | undefined {
    return this.documents.get(uri);
  }

  /** Every open document. */
  all(): OpenDocument[] {
    return [...this.documents.values()];
  }

  /** Starts tracking a document and analyses it at once. */
  open(params: DidOpenTextDocumentParams): void {
    const { uri, languageId, version, text } = params.textDocument;
    this.documents.set(uri, { uri, languageId, version, text });
    this.schedule(uri, 0);
  }

  /** Applies an edit and schedules an analysis of the new version: at once after a pause, else debounced. */
  change(params: DidChangeTextDocumentParams): void {
    const document = this.documents.get(params.textDocument.uri);
    // Versions only grow: an older one is a stale or misordered message, and its ranges would
    // be applied to the wrong text.
    if (!document || params.textDocument.version <= document.version) return;
    let text = document.text;
    for (const change of params.contentChanges) {
      if ('range' in change) {
        const span = new PositionCodec(new LineIndex(text), this.host.encoding).rangeToSpan(change.range);
        text = text.slice(0, span.start) + change.text + text.slice(span.end);
      } else text = change.text;
    }
    this.documents.set(document.uri, { ...document, version: params.textDocument.version, text });
    this.analyses.delete(document.uri);
    const now = performance.now();
    const since = now - (this.lastEdits.get(document.uri) ?? -Infinity);
    this.lastEdits.set(document.uri, now);
    this.schedule(document.uri, debounceDelay(since, this.costs.get(document.uri), this.host.debounceMs ?? DEFAULT_DEBOUNCE_MS));
  }

  /** Forgets a document and any pending work on it. */
  close(uri: string): void {
    this.cancel(uri);
    this.documents.delete(uri);
    this.analyses.delete(uri);
    this.settings.delete(uri);
    this.costs.delete(uri);
    this.lastEdits.delete(uri);
    this.contextReader.forget(uri);
  }

  /** Settings changed: fetch them again and re-analyse every open document. */
  settingsChanged(): void {
    this.generation++;
    this.settings.clear();
    this.analyses.clear();
    this.imageFacts.clear();
    this.contextReader.invalidate();
    for (const uri of this.documents.keys()) this.schedule(uri, 0);
  }

  /**
   * The analysis of the document's current version, computed now if no pending one fits.
   * Resolves to null for a document that is not open.
   */
  async analysis(uri: string): Promise<DocumentAnalysis | null> {
    for (;;) {
      const document = this.documents.get(uri);
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
      const now = this.documents.get(uri);
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
    const version = this.documents.get(uri)?.version;
    try {
      const analysis = await this.analysis(uri);
      // A newer edit has its own analysis scheduled; it publishes.
      if (analysis && analysis.version === version && !this.timers.has(uri)) this.host.analyzed(analysis);
    } catch (error) {
      this.host.failed(uri, error);
    }
  }

  private async compute(document: OpenDocument): Promise<DocumentAnalysis> {
    const { settings, options, imageLookup, context } = await this.settingsOf(document.uri);
    const checked = settings.enable && isCheckedDocument(document.uri, document.languageId);
    const facts = imageLookup ? [...(options.imageFacts ?? []), ...this.imageFacts.values()] : options.imageFacts;
    const started = performance.now();
    const contextFacts = this.contextReader.factsFor(document.uri);
    const result = checked ? analyze(document.text, { ...options, imageFacts: facts, cache: this.parseCache, contextFacts }) : null;
    if (this.documents.has(document.uri)) this.costs.set(document.uri, performance.now() - started);
    if (result && imageLookup) this.lookUpImages(unknownBaseImages(result.model), imageLookup);
    if (result && this.documents.has(document.uri)) this.contextReader.afterAnalysis(document.uri, result.model, context ?? null);
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

  /**
   * Looks unknown base images up in the background; the text's own findings are already
   * published, and documents are analysed again when the answers arrive.
   */
  private lookUpImages(refs: string[], fetchOptions: FetchOptions): void {
    const wanted = refs.filter((ref) => !this.imageFacts.has(ref) && !this.lookups.has(ref));
    if (!wanted.length) return;
    for (const ref of wanted) this.lookups.add(ref);
    const generation = this.generation;
    void imageFactsFor(wanted, fetchOptions)
      .then((facts) => {
        if (generation !== this.generation) return;
        for (const fact of facts) this.imageFacts.set(fact.image, fact);
        for (const uri of this.documents.keys()) {
          this.analyses.delete(uri);
          this.schedule(uri, 0);
        }
      })
      .catch((error: unknown) => this.host.failed(wanted.join(', '), error))
      .finally(() => {
        for (const ref of wanted) this.lookups.delete(ref);
      });
  }

  private settingsOf(uri: string): Promise<DocumentSettings> {
    let settings = this.settings.get(uri);
    if (!settings) {
      settings = this.host.settingsFor(uri);
      this.settings.set(uri, settings);
    }
    return settings;
  }
}
