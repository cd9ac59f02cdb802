// The muslcheck VS Code extension: starts the language server bundled with it for
// Dockerfiles and wires up the output channel, the status bar item and the restart command.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { AnalysisStatus } from './status';

/** Command that stops and starts the server again. */
const RESTART_COMMAND = 'muslcheck.restartServer';

let client: LanguageClient | undefined;
/** True while the restart command is stopping the server on purpose, so that stop is not shown as a failure. */
let restarting = false;

/** Called by VS Code when the first Dockerfile opens. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('muslcheck', { log: true });
  const status = new AnalysisStatus(RESTART_COMMAND);
  const languageClient = createClient(context, output, status);
  client = languageClient;
  context.subscriptions.push(
    output,
    status,
    languageClient.onDidChangeState(({ newState }) => {
      if (newState === State.Running) status.running();
      else if (newState === State.Stopped && !restarting) status.failed('the language server stopped');
    }),
    vscode.commands.registerCommand(RESTART_COMMAND, () => restart(languageClient, status, output)),
    // The server learns about trust at start-up (initializationOptions.workspaceTrusted).
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(languageClient, status, output)),
  );
  await start(languageClient, status, output);
}

/** Called by VS Code on shutdown; waits for the server to exit cleanly. */
export async function deactivate(): Promise<void> {
  await client?.dispose();
  client = undefined;
}

async function start(languageClient: LanguageClient, status: AnalysisStatus, output: vscode.LogOutputChannel): Promise<void> {
  try {
    await languageClient.start();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`muslcheck: the language server failed to start: ${message}`);
    status.failed(`the language server failed to start: ${message}`);
  }
}

async function restart(languageClient: LanguageClient, status: AnalysisStatus, output: vscode.LogOutputChannel): Promise<void> {
  output.info('muslcheck: restarting the language server');
  restarting = true;
  try {
    if (languageClient.isRunning()) await languageClient.stop();
  } finally {
    restarting = false;
  }
  await start(languageClient, status, output);
}
