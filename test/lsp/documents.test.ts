// The open documents and their analyses: which documents are checked, incremental edits in
// both encodings, stale work dropped, answers from the last finished analysis while a newer
// one runs, and settings refetched on change.
import assert from 'node:assert/strict';
import type { DidChangeTextDocumentParams, DidOpenTextDocumentParams } from 'vscode-languageserver-protocol';
import type { DocumentAnalysis } from '../../server/src/lsp/analysis/document-analysis';
import { AnalysisScheduler, type SchedulerHost } from '../../server/src/lsp/analysis/scheduler';
import { AnalysisService } from '../../server/src/lsp/analysis/service';
import type { ServiceEvent } from '../../server/src/lsp/analysis/protocol';
import type { DocumentSettings } from '../../server/src/lsp/configuration';
import { OpenDocuments, isCheckedDocument } from '../../server/src/lsp/documents';
import { DEFAULT_SETTINGS, readSettings, toAnalyzeOptions } from '../../server/src/lsp/features/settings';
import { initAnalyzerForTests } from './helpers';

const DEFAULTS: DocumentSettings = { settings: DEFAULT_SETTINGS, options: toAnalyzeOptions(DEFAULT_SETTINGS) };
const BASE = 'FROM frolvlad/alpine-glibc:alpine-3.18\n';

/** The open documents and their scheduler, driven as the server drives them. */
function documentStore(host: Omit<SchedulerHost, 'documents'>) {
  const documents = new OpenDocuments(host.encoding);
  const scheduler = new AnalysisScheduler({ ...host, documents });
  return {
    get: (uri: string) => documents.get(uri),
    analysis: (uri: string) => scheduler.current(uri),
    latest: (uri: string) => scheduler.latest(uri),
    open(params: DidOpenTextDocumentParams): void {
      scheduler.opened(documents.open(params));
    },
    change(params: DidChangeTextDocumentParams): void {
      const changed = documents.change(params);
      if (changed) scheduler.changed(changed.document, changed.changes);
    },
    close(uri: string): void {
      scheduler.closed(uri);
      documents.close(uri);
    },
    settingsChanged: () => scheduler.settingsChanged(),
    dispose: () => scheduler.dispose(),
  };
}

/** A store whose host records what it was asked and what it published. */
function recordingStore(settingsFor: (uri: string) => Promise<DocumentSettings> = async () => DEFAULTS) {
  const published: DocumentAnalysis[] = [];
  const asked: string[] = [];
  let wake: (() => void) | null = null;
  const store = documentStore({
    encoding: 'utf-16',
    settingsFor: (uri) => {
      asked.push(uri);
      return settingsFor(uri);
    },
    analyzed: (analysis) => {
      published.push(analysis);
      wake?.();
    },
    failed: (_uri, error) => {
      throw error;
    },
  });
  const nextPublish = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  return { store, published, asked, nextPublish };
}

describe('lsp/documents', () => {
  before(initAnalyzerForTests);

  it('checks language id dockerfile and the file names the CLI checks, in any scheme', () => {
    for (const uri of [
      'file:///p/Dockerfile',
      'file:///p/Dockerfile.dev',
      'file:///p/api.Dockerfile',
      'file:///p/api.dockerfile',
      'file:///p/Containerfile',
      'file:///p/Containerfile.prod',
      'file:///p/x.containerfile',
      'vscode-vfs://github/o/r/Dockerfile?ref=main',
      'file:///p/my%20app.Dockerfile',
    ]) {
      assert.ok(isCheckedDocument(uri, 'plaintext'), uri);
    }
    assert.ok(isCheckedDocument('untitled:Untitled-1', 'dockerfile'));
    assert.ok(!isCheckedDocument('untitled:Untitled-1', 'plaintext'));
    assert.ok(!isCheckedDocument('file:///p/Dockerfile/notes.md', 'markdown'));
  });

  it('applies incremental edits counted in UTF-16 or in UTF-8', async () => {
    for (const encoding of ['utf-16', 'utf-8'] as const) {
      const store = documentStore({ encoding, settingsFor: async () => DEFAULTS, analyzed: () => undefined, failed: () => undefined });
      const uri = 'file:///p/Dockerfile';
      store.open({ textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'LABEL a="🚀"\nFROM alpine\n' } });
      const after = encoding === 'utf-8' ? 14 : 12; // just after the closing quote
      store.change({
        textDocument: { uri, version: 2 },
        contentChanges: [
          { range: { start: { line: 0, character: after }, end: { line: 0, character: after } }, text: ' b=1' },
          { range: { start: { line: 1, character: 5 }, end: { line: 1, character: 11 } }, text: 'debian' },
        ],
      });
      assert.equal(store.get(uri)!.text, 'LABEL a="🚀" b=1\nFROM debian\n', encoding);
      assert.equal((await store.analysis(uri))!.version, 2);
      store.dispose();
    }
  });

  it('analyses a burst of edits once, for the last version', async () => {
    const { store, published, nextPublish } = recordingStore();
    const uri = 'file:///p/Dockerfile';
    const opened = nextPublish();
    store.open({ textDocument: { uri, languageId: 'dockerfile', version: 1, text: BASE } });
    await opened;
    const edited = nextPublish();
    for (let version = 2; version <= 5; version++) {
      store.change({ textDocument: { uri, version }, contentChanges: [{ text: `${BASE}# edit ${version}\n` }] });
    }
    await edited;
    assert.deepEqual(
      published.map((a) => a.version),
      [1, 5],
    );
    assert.deepEqual(
      published[1].result!.findings.map((f) => f.code),
      ['MC1001'],
    );
    // The cached analysis serves requests without analysing again.
    assert.equal(await store.analysis(uri), published[1]);
    store.dispose();
  });

  it('answers from the last finished analysis at once while the current version is analysed', async () => {
    const { store, published, nextPublish } = recordingStore();
    const uri = 'file:///p/Dockerfile';
    const opened = nextPublish();
    store.open({ textDocument: { uri, languageId: 'dockerfile', version: 1, text: BASE } });
    await opened;
    store.change({ textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM alpine:3.20\n' }] });
    const latest = await store.latest(uri);
    assert.equal(latest, published[0], 'version 1, as it was published');
    const current = await store.analysis(uri);
    assert.equal(current!.version, 2);
    assert.deepEqual(current!.result!.findings, []);
    assert.equal(await store.latest(uri), current, 'the newer analysis is the latest once it has finished');
    store.dispose();
  });

  it('drops a request whose document was edited again before its turn', async () => {
    const events: ServiceEvent[] = [];
    const service = new AnalysisService((event) => events.push(event));
    const uri = 'file:///p/Dockerfile';
    const settings = DEFAULTS;
    service.receive({ type: 'open', uri, languageId: 'dockerfile', version: 1, text: BASE });
    service.receive({ type: 'analyse', uri, version: 1, generation: 0, settings });
    service.receive({ type: 'change', uri, version: 2, changes: [{ start: 0, end: BASE.length, text: 'FROM alpine:3.20\n' }] });
    service.receive({ type: 'analyse', uri, version: 2, generation: 0, settings });
    service.receive({ type: 'change', uri, version: 3, changes: [{ start: 17, end: 17, text: 'RUN apk add glibc\n' }] });
    service.receive({ type: 'analyse', uri, version: 3, generation: 0, settings });
    while (!events.some((e) => e.type === 'analysed')) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const analysed = events.filter((e) => e.type === 'analysed');
    assert.deepEqual(
      analysed.map((e) => e.version),
      [3],
    );
    assert.deepEqual(
      analysed[0].result!.findings.map((f) => f.code),
      ['MC1002'],
    );
  });

  it('drops an analysis whose document changed while its settings were fetched', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { store, published, nextPublish } = recordingStore(async () => {
      await gate;
      return DEFAULTS;
    });
    const uri = 'file:///p/Dockerfile';
    store.open({ textDocument: { uri, languageId: 'dockerfile', version: 1, text: BASE } });
    const request = store.analysis(uri);
    store.change({ textDocument: { uri, version: 2 }, contentChanges: [{ text: 'FROM alpine:3.20\n' }] });
    const publishedV2 = nextPublish();
    release();
    const analysis = await request;
    assert.equal(analysis!.version, 2, 'a request gets the current version, not the stale one');
    assert.deepEqual(analysis!.result!.findings, []);
    await publishedV2;
    assert.deepEqual(
      published.map((a) => a.version),
      [2],
    );
    store.dispose();
  });

  it('fetches settings again and re-publishes every open document when they change', async () => {
    let severity: Record<string, string> = {};
    const { store, published, asked, nextPublish } = recordingStore(async () => {
      const { settings } = readSettings({ severity });
      return { settings, options: toAnalyzeOptions(settings) };
    });
    const opened = nextPublish();
    store.open({ textDocument: { uri: 'file:///p/Dockerfile', languageId: 'dockerfile', version: 1, text: BASE } });
    await opened;
    assert.equal(published[0].result!.findings[0].severity, 'warning');
    severity = { MC1001: 'error' };
    const republished = nextPublish();
    store.settingsChanged();
    await republished;
    assert.equal(published[1].result!.findings[0].severity, 'error');
    assert.deepEqual(asked, ['file:///p/Dockerfile', 'file:///p/Dockerfile']);
    store.dispose();
  });

  it('does not analyse documents that are disabled or not Dockerfiles, and forgets closed ones', async () => {
    const { store } = recordingStore(async () => {
      const { settings } = readSettings({ enable: false });
      return { settings, options: toAnalyzeOptions(settings) };
    });
    store.open({ textDocument: { uri: 'file:///p/Dockerfile', languageId: 'dockerfile', version: 1, text: BASE } });
    assert.equal((await store.analysis('file:///p/Dockerfile'))!.result, null);
    store.close('file:///p/Dockerfile');
    assert.equal(await store.analysis('file:///p/Dockerfile'), null);
    const plain = recordingStore().store;
    plain.open({ textDocument: { uri: 'file:///p/notes.txt', languageId: 'plaintext', version: 1, text: BASE } });
    assert.equal((await plain.analysis('file:///p/notes.txt'))!.result, null);
    store.dispose();
    plain.dispose();
  });
});
