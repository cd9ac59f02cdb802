// The language server's transport: the only file that touches the connection. It reads
// the client's capabilities, keeps the open documents, fetches settings, and hands each
// request to a pure provider over the cached analysis. The transport (--stdio,
// --node-ipc, --socket=PORT) comes from the command line, as vscode-languageserver reads it.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { fileURLToPath } from 'node:url';
import type { ConfigLayer } from '../config/types';
import { clearConfigCache, CONFIG_FILE_NAMES, loadConfigFor } from '../node/config-files';
import { contextFolder, readsContext } from '../node/context-analysis';
import { initAnalyzerForNode } from '../node/init';
import { VERSION } from '../version';
import { BASELINE_FEATURES, readClientFeatures, type ClientFeatures } from './capabilities';
import { DocumentStore, type DocumentAnalysis, type DocumentSettings } from './documents';
import { CODE_ACTION_KINDS, provideCodeActions } from './features/code-actions';
import { provideDiagnostics } from './features/diagnostics';
import { provideHover } from './features/hover';
import { provideInlayHints } from './features/inlay-hints';
import {
  contextSetting,
  imageLookupOptions,
  provideConfigurationItem,
  readSettings,
  SETTINGS_SECTION,
  toAnalyzeOptions,
  type MuslcheckSettings,
} from './features/settings';

/** Starts the server on the transport named on the command line and returns its connection. */
export function startServer(): Connection {
  // Compiling the grammar takes tens of milliseconds; it runs while the connection is set up
  // and the initialize request is read. A failure surfaces when initialize awaits it.
  const analyzerReady = initAnalyzerForNode();
  analyzerReady.catch(() => undefined);
  const connection = createConnection();
  let features: ClientFeatures = BASELINE_FEATURES;
  // Settings pushed by clients that cannot answer workspace/configuration.
  let pushedSettings: unknown = undefined;
  // An editor that says the workspace is untrusted gets no network lookups from its files.
  let workspaceTrusted = true;
  const published = new Set<string>();
  let store: DocumentStore | null = null;

  // A client that refuses a registration or a refresh is no reason to stop serving.
  const logFailure = (error: unknown): void => connection.console.warn(`muslcheck: ${describe(error)}`);

  const documents = (): DocumentStore => {
    if (!store) throw new ResponseError(-32002 /* ServerNotInitialized */, 'muslcheck: the server is not initialized');
    return store;
  };

  const editorSettings = async (uri: string): Promise<MuslcheckSettings> => {
    let raw = pushedSettings;
    if (features.configuration) {
      try {
        raw = await connection.workspace.getConfiguration(provideConfigurationItem(uri));
      } catch (error) {
        connection.console.warn(`muslcheck: workspace/configuration failed, using defaults: ${describe(error)}`);
      }
    }
    const { settings, problems } = readSettings(raw);
    for (const problem of problems) connection.console.warn(`muslcheck: ${problem}`);
    return settings;
  };

  // Each broken configuration file is shown once, not on every document that reads it.
  const shownConfigErrors = new Set<string>();
  const configFileLayer = async (uri: string): Promise<ConfigLayer | null> => {
    const path = filePathOf(uri);
    if (!path) return null;
    const loaded = await loadConfigFor(path);
    if (!('error' in loaded)) return workspaceTrusted ? loaded.layer : withoutNetwork(loaded.layer);
    const { file, line, column, message } = loaded.error;
    const text = `muslcheck: ${file}:${line}:${column}: ${message} (the file is ignored)`;
    connection.console.warn(text);
    if (!shownConfigErrors.has(text)) {
      shownConfigErrors.add(text);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text }).catch(logFailure);
    }
    return null;
  };

  const settingsFor = async (uri: string): Promise<DocumentSettings> => {
    const [settings, file] = await Promise.all([editorSettings(uri), configFileLayer(uri).catch(() => null)]);
    const path = filePathOf(uri);
    const options = toAnalyzeOptions(settings, file);
    const context =
      path && readsContext(options) ? { dockerfile: path, folder: contextFolder(path, contextSetting(settings, file)) } : null;
    return { settings, options, imageLookup: imageLookupOptions(settings, file), context };
  };

  const publish = (analysis: DocumentAnalysis): void => {
    if (features.pullDiagnostics) return;
    const diagnostics = provideDiagnostics(analysis);
    // Documents that never had diagnostics need no empty list on every edit.
    if (!diagnostics.length && !published.has(analysis.uri)) return;
    if (diagnostics.length) published.add(analysis.uri);
    else published.delete(analysis.uri);
    connection.sendDiagnostics({ uri: analysis.uri, version: analysis.version, diagnostics }).catch(logFailure);
  };

  /** The analysis for a request, or null when the document is not open. */
  const analysisFor = async (uri: string, token: CancellationToken): Promise<DocumentAnalysis | null> => {
    const analysis = await documents().analysis(uri);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');
    return analysis;
  };

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    features = readClientFeatures(params.capabilities);
    const init = params.initializationOptions as { muslcheck?: unknown } | null | undefined;
    if (init && typeof init === 'object' && SETTINGS_SECTION in init) pushedSettings = init.muslcheck;
    if (init && typeof init === 'object' && (init as { workspaceTrusted?: unknown }).workspaceTrusted === false) workspaceTrusted = false;
    await analyzerReady;
    store = new DocumentStore({
      encoding: features.positionEncoding,
      settingsFor,
      analyzed: publish,
      failed: (uri, error) => connection.console.error(`muslcheck: analysing ${uri} failed: ${describe(error)}`),
    });
    return {
      capabilities: {
        positionEncoding: features.positionEncoding,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [...CODE_ACTION_KINDS] },
        hoverProvider: true,
        inlayHintProvider: true,
        ...(features.pullDiagnostics
          ? { diagnosticProvider: { identifier: 'muslcheck', interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        ...(features.workspaceFolders ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'muslcheck', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (features.configuration && features.dynamicConfigurationChange) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION }).catch(logFailure);
    }
    if (features.watchedFilesRegistration) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: CONFIG_FILE_NAMES.map((name) => ({ globPattern: `**/${name}` })) })
        .catch(logFailure);
    }
    // Folder-level settings may differ once the folders change.
    if (features.workspaceFolders) connection.workspace.onDidChangeWorkspaceFolders(() => settingsChanged());
    connection.console.info(`muslcheck ${VERSION} language server ready (positions in ${features.positionEncoding})`);
  });

  const settingsChanged = (): void => {
    documents().settingsChanged();
    if (features.pullDiagnostics && features.diagnosticRefresh) connection.languages.diagnostics.refresh().catch(logFailure);
    if (features.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(logFailure);
  };

  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings as { muslcheck?: unknown } | null | undefined;
    if (settings && typeof settings === 'object' && SETTINGS_SECTION in settings) pushedSettings = settings.muslcheck;
    settingsChanged();
  });

  connection.onDidChangeWatchedFiles(() => {
    clearConfigCache();
    shownConfigErrors.clear();
    settingsChanged();
  });

  connection.onDidOpenTextDocument((params) => documents().open(params));
  connection.onDidChangeTextDocument((params) => documents().change(params));
  connection.onDidCloseTextDocument((params) => {
    documents().close(params.textDocument.uri);
    if (published.delete(params.textDocument.uri))
      connection.sendDiagnostics({ uri: params.textDocument.uri, diagnostics: [] }).catch(logFailure);
  });

  connection.languages.diagnostics.on(async (params, token) => {
    const analysis = await analysisFor(params.textDocument.uri, token);
    return { kind: 'full', items: analysis ? provideDiagnostics(analysis) : [] };
  });
  connection.onCodeAction(async (params, token) => {
    const analysis = await analysisFor(params.textDocument.uri, token);
    return analysis ? provideCodeActions(analysis, params, features) : [];
  });
  connection.onHover(async (params, token) => {
    const analysis = await analysisFor(params.textDocument.uri, token);
    return analysis ? provideHover(analysis, params, features) : null;
  });
  connection.languages.inlayHint.on(async (params, token) => {
    const analysis = await analysisFor(params.textDocument.uri, token);
    return analysis ? provideInlayHints(analysis, params) : [];
  });

  connection.onShutdown(() => store?.dispose());
  connection.listen();
  return connection;
}

/** The file path of a `file:` URI; other schemes (untitled, remote) have no configuration file. */
function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** A configuration file's layer without the keys that reach the network (untrusted workspaces). */
function withoutNetwork(layer: ConfigLayer): ConfigLayer {
  const copy = { ...layer };
  delete copy['resolve-images'];
  return copy;
}
