// When each open document is analysed, and which analysis answers each request. The analyses
// run in the analysis service (channel.ts), so this thread only forwards edits and answers:
// hover and code actions come at once from the last finished analysis, even while a newer
// version is being analysed; pull diagnostics and inlay hints wait for the current version.
// An edit is sent to the service at once, and its analysis is asked for after the messages
// already received, so edits that arrive together are analysed once, for the last of them;
// the service drops a request whose version has been edited again before its turn. Only the
// analysis of the current version under the current settings is published.
import type { TextEdit } from 'vscode-languageserver';
import { LineIndex } from '../../parse/text';
import type { DocumentSettings } from '../configuration';
import type { OpenDocument, OpenDocuments } from '../documents';
import { PositionCodec, type PositionEncoding } from '../position-encoding';
import { LocalChannel, openChannel, type ChannelHost, type ServiceChannel } from './channel';
import type { DocumentAnalysis } from './document-analysis';
import type { ServiceEvent, TextChange } from './protocol';

/** What the scheduler needs from the server around it. */
export interface SchedulerHost {
  encoding: PositionEncoding;
  documents: OpenDocuments;
  /** Settings for a document. Never rejects. */
  settingsFor(uri: string): Promise<DocumentSettings>;
  /** Called with the analysis of a document's current version under the current settings. */
  analyzed(analysis: DocumentAnalysis): void;
  /** Called when analysing a document failed, which is a bug, or when the service died. */
  failed(uri: string, error: unknown): void;
}

/** Deaths of the worker in a row, with no analysis finished between them, before the service moves to this thread. */
const MAX_RESTARTS = 3;

interface Waiter {
  resolve(analysis: DocumentAnalysis | null): void;
}

/** The scheduler's state of one open document. */
interface Tracked {
  /** Texts of the versions asked for and not analysed yet, by version. */
  asked: Map<number, { text: string; generation: number; settings: DocumentSettings }>;
  /** The last analysis that finished, and the settings generation it was made under. */
  latest: DocumentAnalysis | null;
  latestGeneration: number;
  settings: DocumentSettings | null;
  /** Requests waiting for the analysis of the current version. */
  waiting: Waiter[];
  /** Cancels the request for an analysis that is about to be sent. */
  cancel: (() => void) | null;
}

/** Analyses the open documents of one connection. */
export class AnalysisScheduler implements ChannelHost {
  private readonly tracked = new Map<string, Tracked>();
  /** Fix-all requests in the service, with the positions of the version they are for. */
  private readonly fixAlls = new Map<number, { codec: PositionCodec; resolve(edit: TextEdit | null): void }>();
  private channel: ServiceChannel;
  private generation = 0;
  private nextId = 1;
  /** The version whose analysis had begun when the service last reported. */
  private running: { uri: string; version: number } | null = null;
  private restarts = 0;

  constructor(
    private readonly host: SchedulerHost,
    channel: (host: ChannelHost) => ServiceChannel = openChannel,
  ) {
    this.channel = channel(this);
  }

  /** A document was opened: analyse it at once. */
  opened(document: OpenDocument): void {
    this.tracked.set(document.uri, { asked: new Map(), latest: null, latestGeneration: -1, settings: null, waiting: [], cancel: null });
    this.channel.post({ type: 'open', ...document });
    this.schedule(document.uri);
  }

  /** A document was edited: forward the edit and analyse the new version. */
  changed(document: OpenDocument, changes: TextChange[]): void {
    if (!this.tracked.has(document.uri)) return;
    this.channel.post({ type: 'change', uri: document.uri, version: document.version, changes });
    this.schedule(document.uri);
  }

  /** A document was closed: forget it, here and in the service. */
  closed(uri: string): void {
    const tracked = this.tracked.get(uri);
    if (!tracked) return;
    tracked.cancel?.();
    for (const waiter of tracked.waiting) waiter.resolve(null);
    this.tracked.delete(uri);
    this.channel.post({ type: 'close', uri });
  }

  /** Settings changed: re-analyse every open document. */
  settingsChanged(): void {
    this.generation++;
    for (const uri of this.tracked.keys()) this.schedule(uri);
  }

  /** The analysis of the document's current version under the current settings; null when it is not open. */
  current(uri: string): Promise<DocumentAnalysis | null> {
    const tracked = this.tracked.get(uri);
    const document = this.host.documents.get(uri);
    if (!tracked || !document) return Promise.resolve(null);
    if (tracked.latest && this.isCurrent(tracked.latest, tracked.latestGeneration)) return Promise.resolve(tracked.latest);
    const asked = tracked.asked.get(document.version);
    if (!tracked.cancel && asked?.generation !== this.generation) this.schedule(uri);
    return new Promise((resolve) => tracked.waiting.push({ resolve }));
  }

  /** The last finished analysis at once; the current one when none has finished yet. */
  latest(uri: string): Promise<DocumentAnalysis | null> {
    const latest = this.tracked.get(uri)?.latest;
    return latest ? Promise.resolve(latest) : this.current(uri);
  }

  /** The edit that applies every safe fix to this analysis's version; null when it has changed since. */
  fixAll(analysis: DocumentAnalysis): Promise<TextEdit | null> {
    const tracked = this.tracked.get(analysis.uri);
    if (!tracked?.settings || this.host.documents.get(analysis.uri)?.version !== analysis.version) return Promise.resolve(null);
    const id = this.nextId++;
    this.channel.post({ type: 'fixAll', id, uri: analysis.uri, version: analysis.version, settings: tracked.settings });
    return new Promise((resolve) => this.fixAlls.set(id, { codec: analysis.codec, resolve }));
  }

  /** Stops the service (shutdown). */
  dispose(): Promise<void> {
    for (const tracked of this.tracked.values()) tracked.cancel?.();
    return this.channel.dispose();
  }

  receive(event: ServiceEvent): void {
    switch (event.type) {
      case 'started':
        this.running = { uri: event.uri, version: event.version };
        break;
      case 'analysed': {
        this.running = null;
        this.restarts = 0;
        const tracked = this.tracked.get(event.uri);
        const asked = tracked?.asked.get(event.version);
        // The text of a re-analysis (new registry verdicts) is the latest one's.
        const text = asked?.text ?? (tracked?.latest?.version === event.version ? tracked.latest.text : undefined);
        if (!tracked || text === undefined) break;
        for (const version of tracked.asked.keys()) if (version <= event.version) tracked.asked.delete(version);
        this.finished(
          tracked,
          {
            uri: event.uri,
            version: event.version,
            text,
            codec: new PositionCodec(new LineIndex(text), this.host.encoding),
            result: event.result,
          },
          event.generation,
        );
        break;
      }
      case 'fixAll': {
        const request = this.fixAlls.get(event.id);
        this.fixAlls.delete(event.id);
        const { edit } = event;
        request?.resolve(edit && { range: request.codec.spanToClient(edit.span), newText: edit.newText });
        break;
      }
      case 'failed':
        this.running = null;
        this.host.failed(event.uri, new Error(event.message));
        if (event.version !== null) this.failedVersion(event.uri, event.version, event.message);
        break;
    }
  }

  restarted(error: Error): void {
    const culprit = this.running;
    this.running = null;
    this.host.failed(culprit?.uri ?? 'the analysis worker', error);
    for (const request of this.fixAlls.values()) request.resolve(null);
    this.fixAlls.clear();
    if (++this.restarts >= MAX_RESTARTS) {
      void this.channel.dispose();
      this.channel = new LocalChannel(this);
      this.host.failed('the analysis worker', new Error(`it stopped ${MAX_RESTARTS} times in a row; analysing on the main thread`));
    }
    // The new service knows no document: send each one again, and ask again for what was lost.
    for (const [uri, tracked] of this.tracked) {
      const document = this.host.documents.get(uri);
      if (!document) continue;
      tracked.asked.clear();
      this.channel.post({ type: 'open', uri, languageId: document.languageId, version: document.version, text: document.text });
      if (culprit?.uri === uri && culprit.version === document.version) {
        // Analysing this version again would end the same way: say so until the next edit.
        this.failedVersion(uri, document.version, `the analysis stopped: ${error.message}`);
      } else if (!tracked.latest || !this.isCurrent(tracked.latest, tracked.latestGeneration)) this.schedule(uri);
    }
  }

  private isCurrent(analysis: DocumentAnalysis, generation: number): boolean {
    return analysis.version === this.host.documents.get(analysis.uri)?.version && generation === this.generation;
  }

  /** A finished analysis: the latest one from now on, and published when it is current. */
  private finished(tracked: Tracked, analysis: DocumentAnalysis, generation: number): void {
    if (!tracked.latest || analysis.version >= tracked.latest.version) {
      tracked.latest = analysis;
      tracked.latestGeneration = generation;
    }
    if (!this.isCurrent(analysis, generation)) return;
    const waiting = tracked.waiting;
    tracked.waiting = [];
    for (const waiter of waiting) waiter.resolve(analysis);
    this.host.analyzed(analysis);
  }

  /** The analysis of a version failed: it stands as a document that was not analyzed, with the reason. */
  private failedVersion(uri: string, version: number, reason: string): void {
    const tracked = this.tracked.get(uri);
    const asked = tracked?.asked.get(version);
    const document = this.host.documents.get(uri);
    const text = asked?.text ?? (document?.version === version ? document.text : undefined);
    if (!tracked || text === undefined) return;
    tracked.asked.delete(version);
    const result = { findings: [], stages: [], internalErrors: [], limit: `the analysis failed (${firstLine(reason)})` };
    const codec = new PositionCodec(new LineIndex(text), this.host.encoding);
    this.finished(tracked, { uri, version, text, codec, result }, asked?.generation ?? this.generation);
  }

  /** Asks for an analysis of the document's current version, after the messages already received. */
  private schedule(uri: string): void {
    const tracked = this.tracked.get(uri);
    if (!tracked) return;
    tracked.cancel?.();
    // vscode-jsonrpc handles one queued message per setImmediate, and the one it queued behind
    // this edit runs before a second immediate, so a newer edit still replaces this request.
    let immediate = setImmediate(() => {
      immediate = setImmediate(() => {
        tracked.cancel = null;
        void this.ask(uri, tracked);
      });
    });
    tracked.cancel = () => {
      clearImmediate(immediate);
      tracked.cancel = null;
    };
  }

  private async ask(uri: string, tracked: Tracked): Promise<void> {
    const generation = this.generation;
    const settings = await this.host.settingsFor(uri);
    const document = this.host.documents.get(uri);
    // Closed, or edited or reconfigured while the settings were fetched: that has its own request.
    if (this.tracked.get(uri) !== tracked || !document || generation !== this.generation || tracked.cancel) return;
    tracked.settings = settings;
    tracked.asked.set(document.version, { text: document.text, generation, settings });
    this.channel.post({ type: 'analyse', uri, version: document.version, generation, settings });
  }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0];
}
