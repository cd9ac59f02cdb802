// Builds the language client: how the bundled server is started, which documents it sees,
// and the middleware that reports outstanding analyses to the status bar.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import type { AnalysisStatus } from './status';

/** The id VS Code uses for the client; it is also the prefix of the `muslcheck.trace.server` setting. */
export const CLIENT_ID = 'muslcheck';

/** The configuration section the server reads through `workspace/configuration`. */
export const SETTINGS_SECTION = 'muslcheck';

/**
 * Documents VS Code calls `dockerfile` (the manifest maps `Containerfile`, `*.Dockerfile`,
 * `Dockerfile.*` and `*.containerfile` to that language) on disk, unsaved, or in a virtual
 * workspace: the server analyses the text it is sent. Other schemes are left out on purpose:
 * `git:` and the like are old versions shown in diff views, whose findings would only
 * repeat in the Problems panel.
 */
const DOCUMENT_SELECTOR = ['file', 'untitled', 'vscode-vfs'].map((scheme) => ({ scheme, language: 'dockerfile' }));

/** Creates (but does not start) the client for the server bundled at `dist/server/server.js`. */
export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: AnalysisStatus): LanguageClient {
  const module = context.asAbsolutePath('dist/server/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    // Read again on every (re)start; the extension restarts the server when trust is granted.
    initializationOptions: () => ({ workspaceTrusted: vscode.workspace.isTrusted }),
    outputChannel: output,
    synchronize: { configurationSection: SETTINGS_SECTION },
    middleware: {
      didOpen: (document, next) => {
        status.analysing(document.uri);
        return next(document);
      },
      didChange: (event, next) => {
        if (event.contentChanges.length > 0) status.analysing(event.document.uri);
        return next(event);
      },
      didClose: (document, next) => {
        status.analysed(document.uri);
        return next(document);
      },
      handleDiagnostics: (uri, diagnostics, next) => {
        status.analysed(uri);
        next(uri, diagnostics);
      },
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const uri = document instanceof vscode.Uri ? document : document.uri;
        status.analysing(uri);
        try {
          return await next(document, previousResultId, token);
        } finally {
          status.analysed(uri);
        }
      },
    },
  };
  return new LanguageClient(CLIENT_ID, 'muslcheck', serverOptions, clientOptions);
}
