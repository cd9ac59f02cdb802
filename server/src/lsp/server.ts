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
import { VERSION } from '../version';
import { openChannel } from './analysis/channel';
import { AnalysisScheduler } from './analysis/scheduler';
import { BASELINE_FEATURES, readClientFeatures, type ClientFeatures } from './capabilities';
import { Configuration, describeError } from './configuration';
import { OpenDocuments } from './documents';
import { watchFraming } from './framing';
import { DiagnosticsPublisher, registerFeatures, serverCapabilities } from './features/register';
import { SETTINGS_SECTION } from './features/settings';

/** What exists once the client has said who it is. */
interface Session {
  documents: OpenDocuments;
  scheduler: AnalysisScheduler;
}

/** Starts the server on the transport named on the command line and returns its connection. */
export function startServer(): Connection {
  // The analysis worker starts now, and compiles the grammar while the connection is set up
  // and the initialize request is read.
  let scheduler: AnalysisScheduler | null = null;
  const channel = openChannel({ receive: (event) => scheduler?.receive(event), restarted: (error) => scheduler?.restarted(error) });
  if (process.argv.includes('--stdio')) watchFraming(process.stdin, stopOnCorruptHeader);
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
    const documents = new OpenDocuments(features.positionEncoding);
    scheduler = new AnalysisScheduler(
      {
        encoding: features.positionEncoding,
        documents,
        settingsFor: (uri) => configuration.settingsFor(uri),
        analyzed: (analysis) => diagnostics.analyzed(analysis),
        failed: (uri, error) => connection.console.error(`muslcheck: analysing ${uri} failed: ${describeError(error)}`),
      },
      () => channel,
    );
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
    scheduler.opened(documents.open(params));
  });
  connection.onDidChangeTextDocument((params) => {
    const { documents, scheduler } = current();
    const changed = documents.change(params);
    if (changed) scheduler.changed(changed.document, changed.changes);
  });
  connection.onDidCloseTextDocument(({ textDocument: { uri } }) => {
    const { documents, scheduler } = current();
    scheduler.closed(uri);
    documents.close(uri);
    configuration.forget(uri);
    diagnostics.closed(uri);
  });

  registerFeatures({
    connection,
    features: () => features,
    current: (uri) => current().scheduler.current(uri),
    latest: (uri) => current().scheduler.latest(uri),
    fixAll: (analysis) => current().scheduler.fixAll(analysis),
    version: (uri) => current().documents.get(uri)?.version,
    logFailure,
  });
  connection.onShutdown(() => (scheduler ? scheduler.dispose() : channel.dispose()));
  connection.listen();
  return connection;
}

/** The stream cannot be read any further: say why and stop, so the editor starts a new server. */
function stopOnCorruptHeader(problem: string): void {
  process.stderr.write(`muslcheck: the language server stops: the client sent a corrupt message header: ${problem}\n`);
  process.exit(1);
}
