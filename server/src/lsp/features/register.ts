// What the server offers, and the requests it answers, each handed to a pure provider over an
// analysis of the document it is about. Hover and code actions are answered at once from the
// last finished analysis; pull diagnostics, inlay hints and an explicit fix-all wait for the
// current version's. Diagnostics are pushed after each analysis unless the client pulls them.
import {
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type ServerCapabilities,
  type TextEdit,
} from 'vscode-languageserver/node';
import { hasSafeFix } from '../analysis/fix-all';
import type { DocumentAnalysis } from '../analysis/document-analysis';
import type { ClientFeatures } from '../capabilities';
import { asksFor, CODE_ACTION_KINDS, FIX_ALL_KIND, provideCodeActions } from './code-actions';
import { provideDiagnostics } from './diagnostics';
import { provideHover } from './hover';
import { provideInlayHints } from './inlay-hints';

/** What the handlers read. */
export interface FeatureSources {
  connection: Connection;
  features: () => ClientFeatures;
  /** The analysis of a document's current version; null when it is not open. */
  current(uri: string): Promise<DocumentAnalysis | null>;
  /** The last finished analysis of a document, at once; null when it is not open. */
  latest(uri: string): Promise<DocumentAnalysis | null>;
  /** The fix-all edit of an analysis of the current version; null when there is none. */
  fixAll(analysis: DocumentAnalysis): Promise<TextEdit | null>;
  /** The document's current version, if it is open. */
  version(uri: string): number | undefined;
  /** A client that refuses a registration or a refresh is no reason to stop serving. */
  logFailure(error: unknown): void;
}

/** Pushes the diagnostics of each new analysis, and clears those of closed documents. */
export class DiagnosticsPublisher {
  /** Documents whose last published list was not empty. */
  private readonly published = new Set<string>();

  constructor(private readonly sources: Pick<FeatureSources, 'connection' | 'features' | 'logFailure'>) {}

  analyzed(analysis: DocumentAnalysis): void {
    if (this.sources.features().pullDiagnostics) return;
    const diagnostics = provideDiagnostics(analysis);
    // Documents that never had diagnostics need no empty list on every edit.
    if (!diagnostics.length && !this.published.has(analysis.uri)) return;
    if (diagnostics.length) this.published.add(analysis.uri);
    else this.published.delete(analysis.uri);
    this.sources.connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics }).catch(this.sources.logFailure);
  }

  closed(uri: string): void {
    if (this.published.delete(uri)) this.sources.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(this.sources.logFailure);
  }
}

/** Registers the request handlers: pull diagnostics, code actions, hover, inlay hints. */
export function registerFeatures(sources: FeatureSources): void {
  const { connection, features } = sources;
  /** The analysis for a request, or null when the document is not open. */
  const analysisFor = async (analysis: Promise<DocumentAnalysis | null>, token: CancellationToken): Promise<DocumentAnalysis | null> => {
    const answer = await analysis;
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    return answer;
  };

  connection.languages.diagnostics.on(async (params, token) => {
    const analysis = await analysisFor(sources.current(params.textDocument.uri), token);
    return { kind: 'full', items: analysis ? provideDiagnostics(analysis) : [] };
  });
  connection.onCodeAction(async (params, token) => {
    const uri = params.textDocument.uri;
    // Fix-all asked for by name edits the whole document: it is made for the current version.
    // So are the fixes of a client that cannot have a stale edit refused by its version.
    const explicitFixAll = params.context.only !== undefined && asksFor(params, FIX_ALL_KIND);
    let analysis = await analysisFor(sources.latest(uri), token);
    if (analysis && analysis.version !== sources.version(uri) && (explicitFixAll || !features().documentChanges)) {
      analysis = await analysisFor(sources.current(uri), token);
    }
    if (!analysis?.result) return [];
    const fixAll = asksFor(params, FIX_ALL_KIND) && hasSafeFix(analysis.result.findings) ? await sources.fixAll(analysis) : null;
    return provideCodeActions(analysis, params, features(), fixAll);
  });
  connection.onHover(async (params, token) => {
    const analysis = await analysisFor(sources.latest(params.textDocument.uri), token);
    return analysis ? provideHover(analysis, params, features()) : null;
  });
  connection.languages.inlayHint.on(async (params, token) => {
    const analysis = await analysisFor(sources.current(params.textDocument.uri), token);
    return analysis ? provideInlayHints(analysis, params) : [];
  });
}

/** What the server offers a client with these features. */
export function serverCapabilities(features: ClientFeatures): ServerCapabilities {
  return {
    positionEncoding: features.positionEncoding,
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
    hoverProvider: true,
    inlayHintProvider: true,
    ...(features.pullDiagnostics
      ? { diagnosticProvider: { identifier: 'muslcheck', interFileDependencies: false, workspaceDiagnostics: false } }
      : {}),
    ...(features.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
  };
}
