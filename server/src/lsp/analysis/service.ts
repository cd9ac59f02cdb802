// The analysis service: keeps a copy of each open document, applies the edits the server
// forwards, and analyses on request, one job at a time, newest version only. It runs in the
// analysis worker, away from the thread that answers the editor. Every job waits for a
// macrotask, so the requests already queued behind it are read first: an edit that arrives
// while another document is analysed makes the pending job for its older version stale, and
// a stale job is dropped without analysing. The documents share one parse cache, so a
// re-analysis re-reads only what an edit touched, and closing a document drops what only it
// read (parse-caches.ts).
import { analyze } from '../../analyze';
import { unknownBaseImages } from '../../node/image-resolution';
import { initAnalyzerForNode } from '../../node/init';
import type { DocumentSettings } from '../configuration';
import { isCheckedDocument } from '../documents';
import { fixAllEdit, hasSafeFix } from './fix-all';
import { ContextReader } from '../context-reader';
import { ImageLookups } from './image-lookups';
import { SharedParseCaches, type DocumentCache } from './parse-caches';
import type { ServiceEvent, ServiceRequest, TextChange } from './protocol';
import { summarize } from './summary';

interface ServiceDocument {
  languageId: string;
  version: number;
  text: string;
  cache: DocumentCache;
  /** The settings of the last analysis asked for, to analyse again when image lookups answer. */
  settings: DocumentSettings | null;
}

type Job = Extract<ServiceRequest, { type: 'analyse' } | { type: 'fixAll' }>;

/** Analyses the documents one server sends it. */
export class AnalysisService {
  private readonly documents = new Map<string, ServiceDocument>();
  private readonly caches = new SharedParseCaches();
  /** Jobs in the order they were asked for; a newer analysis of a document replaces its older one. */
  private readonly jobs = new Map<string, Job>();
  private readonly lookups: ImageLookups;
  /** Build-context files, read after an analysis; new facts analyse the document again. */
  private readonly contextReader = new ContextReader((uri) => this.analyseAgain(uri));
  private generation = 0;
  private scheduled = false;
  /** The grammar is compiled as the service starts, before the first document arrives. */
  private ready: Promise<void> | null = this.start();

  constructor(private readonly post: (event: ServiceEvent) => void) {
    this.lookups = new ImageLookups(
      () => {
        for (const uri of this.documents.keys()) this.analyseAgain(uri);
      },
      (refs, error) => this.post({ type: 'failed', uri: refs, version: null, message: describe(error) }),
    );
  }

  receive(request: ServiceRequest): void {
    switch (request.type) {
      case 'open':
        this.documents.set(request.uri, {
          languageId: request.languageId,
          version: request.version,
          text: request.text,
          cache: this.caches.open(request.uri),
          settings: null,
        });
        break;
      case 'change': {
        const document = this.documents.get(request.uri);
        if (!document) break;
        document.text = applyChanges(document.text, request.changes);
        document.version = request.version;
        break;
      }
      case 'close':
        this.documents.delete(request.uri);
        this.caches.close(request.uri);
        this.contextReader.forget(request.uri);
        this.jobs.delete(request.uri);
        break;
      case 'analyse':
        if (request.generation !== this.generation) {
          // Settings or watched files changed: registry verdicts and build contexts are read again.
          this.generation = request.generation;
          this.lookups.clear();
          this.contextReader.invalidate();
        }
        this.jobs.delete(request.uri);
        this.jobs.set(request.uri, request);
        break;
      case 'fixAll':
        this.jobs.set(`fixAll:${request.id}`, request);
        break;
    }
    this.wake();
  }

  private wake(): void {
    if (this.scheduled || !this.jobs.size) return;
    this.scheduled = true;
    setImmediate(() => void this.runNext());
  }

  private start(): Promise<void> {
    const ready = initAnalyzerForNode();
    ready.catch(() => undefined);
    return ready;
  }

  private async runNext(): Promise<void> {
    this.ready ??= this.start();
    try {
      await this.ready;
    } catch (error) {
      this.ready = null;
      for (const job of this.jobs.values()) this.fail(job, error);
      this.jobs.clear();
      this.scheduled = false;
      return;
    }
    const next = this.jobs.entries().next();
    this.scheduled = false;
    if (!next.done) {
      const [key, job] = next.value;
      this.jobs.delete(key);
      try {
        if (job.type === 'analyse') this.analyse(job);
        else this.fixAll(job);
      } catch (error) {
        this.fail(job, error);
      }
    }
    this.wake();
  }

  private analyse(job: Extract<Job, { type: 'analyse' }>): void {
    const document = this.documents.get(job.uri);
    // A newer edit has arrived; the server asks for its analysis.
    if (!document || document.version !== job.version) return;
    document.settings = job.settings;
    this.post({ type: 'started', uri: job.uri, version: job.version });
    const { settings, options, imageLookup } = job.settings;
    const checked = settings.enable && isCheckedDocument(job.uri, document.languageId);
    const facts = imageLookup ? [...(options.imageFacts ?? []), ...this.lookups.known()] : options.imageFacts;
    document.cache.restart();
    const contextFacts = this.contextReader.factsFor(job.uri);
    const result = checked ? analyze(document.text, { ...options, imageFacts: facts, cache: document.cache.cache, contextFacts }) : null;
    if (result && imageLookup) this.lookups.lookUp(unknownBaseImages(result.model), imageLookup);
    if (result) this.contextReader.afterAnalysis(job.uri, result.model, job.settings.context ?? null);
    this.post({ type: 'analysed', uri: job.uri, version: job.version, generation: job.generation, result: result && summarize(result) });
  }

  private fixAll(job: Extract<Job, { type: 'fixAll' }>): void {
    const document = this.documents.get(job.uri);
    let edit = null;
    if (document && document.version === job.version) {
      const options = { ...job.settings.options, cache: document.cache.cache };
      const analysis = analyze(document.text, options);
      if (hasSafeFix(analysis.findings)) edit = fixAllEdit(document.text, analysis, options);
    }
    this.post({ type: 'fixAll', id: job.id, edit });
  }

  private fail(job: Job, error: unknown): void {
    if (job.type === 'fixAll') this.post({ type: 'fixAll', id: job.id, edit: null });
    this.post({ type: 'failed', uri: job.uri, version: job.version, message: describe(error) });
  }

  /** New registry verdicts or build-context facts: analyse a document again under its last settings. */
  private analyseAgain(uri: string): void {
    const document = this.documents.get(uri);
    if (!document?.settings || this.jobs.has(uri)) return;
    this.jobs.set(uri, { type: 'analyse', uri, version: document.version, generation: this.generation, settings: document.settings });
    this.wake();
  }
}

/** `text` with the changes applied in order. */
function applyChanges(text: string, changes: readonly TextChange[]): string {
  for (const change of changes) text = text.slice(0, change.start) + change.text + text.slice(change.end);
  return text;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
