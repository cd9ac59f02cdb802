// The language server's entry: creates the connection on the transport named on the command
// line (--stdio, --node-ipc, --socket=PORT, as vscode-languageserver reads it), reads the
// client's capabilities, and wires the open documents, their settings and their analyses to
// the features.
import {
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ResponseError,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { CONFIG_FILE_NAMES } from '../node/config-files';
import { initAnalyzerForNode } from '../node/init';
import { VERSION } from '../version';
import { AnalysisScheduler } from './analysis/scheduler';
import { BASELINE_FEATURES, readClientFeatures, type ClientFeatures } from './capabilities';
import { Configuration, describeError } from './configuration';
import { OpenDocuments } from './documents';
import { DiagnosticsPublisher, registerFeatures, serverCapabilities } from './features/register';
import { SETTINGS_SECTION } from './features/settings';

/** What exists once the client has said who it is. */
interface Session {
  documents: OpenDocuments;
  scheduler: AnalysisScheduler;
}

/** Starts the server on the transport named on the command line and returns its connection. */
export function startServer(): Connection {
  // Compiling the grammar takes tens of milliseconds; it runs while the connection is set up
  // and the initialize request is read. A failure surfaces when initialize awaits it.
  const analyzerReady = initAnalyzerForNode();
  analyzerReady.catch(() => undefined);
  const connection = createConnection();
  let features: ClientFeatures = BASELINE_FEATURES;
  let session: Session | null = null;
  const logFailure = (error: unknown): void => connection.console.warn(`muslcheck: ${describeError(error)}`);
  const configuration = new Configuration(connection, () => features);
  const diagnostics = new DiagnosticsPublisher({ connection, features: () => features, logFailure });

  const current = (): Session => {
    if (!session) throw new ResponseError(-32002 /* ServerNotInitialized */, 'muslcheck: the server is not initialized');
    return session;
  };

  connection.onInitialize(async (params): Promise<InitializeResult> => {
    features = readClientFeatures(params.capabilities);
    configuration.initialize(params.initializationOptions);
    await analyzerReady;
    const documents = new OpenDocuments(features.positionEncoding);
    const scheduler = new AnalysisScheduler({
      encoding: features.positionEncoding,
      documents,
      settingsFor: (uri) => configuration.settingsFor(uri),
      analyzed: (analysis) => diagnostics.analyzed(analysis),
      failed: (uri, error) => connection.console.error(`muslcheck: analysing ${uri} failed: ${describeError(error)}`),
    });
    session = { documents, scheduler };
    return { capabilities: serverCapabilities(features), serverInfo: { name: 'muslcheck', version: VERSION } };
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
    if (features.workspaceFolders)
      connection.workspace.onDidChangeWorkspaceFolders(() => {
        configuration.changed();
        settingsChanged();
      });
    connection.console.info(`muslcheck ${VERSION} language server ready (positions in ${features.positionEncoding})`);
  });

  const settingsChanged = (): void => {
    current().scheduler.settingsChanged();
    if (features.pullDiagnostics && features.diagnosticRefresh) connection.languages.diagnostics.refresh().catch(logFailure);
    if (features.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(logFailure);
  };
  connection.onDidChangeConfiguration((params) => {
    configuration.settingsPushed(params.settings);
    settingsChanged();
  });
  connection.onDidChangeWatchedFiles(() => {
    configuration.filesChanged();
    settingsChanged();
  });

  connection.onDidOpenTextDocument((params) => {
    const { documents, scheduler } = current();
    scheduler.opened(documents.open(params).uri);
  });
  connection.onDidChangeTextDocument((params) => {
    const { documents, scheduler } = current();
    const changed = documents.change(params);
    if (changed) scheduler.changed(changed.uri);
  });
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    const { documents, scheduler } = current();
    scheduler.closed(uri);
    documents.close(uri);
    configuration.forget(uri);
    diagnostics.closed(uri);
  });

  registerFeatures({ connection, features: () => features, analysis: (uri) => current().scheduler.analysis(uri), logFailure });
  connection.onShutdown(() => session?.scheduler.dispose());
  connection.listen();
  return connection;
}
