// A real LSP client for the end-to-end tests: spawns the built `muslcheck --stdio` and speaks
// JSON-RPC to it over its stdin/stdout, answering the server's requests (configuration,
// registration, refresh) the way an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowMessageNotification,
  ShutdownRequest,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationItem,
  type InitializeResult,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';

/** The command-line entry point the tests start, as users do. */
export const SERVER_BIN = join(__dirname, '..', '..', '..', 'server', 'bin', 'muslcheck.js');

/** How the client talks to the server: the three transports `muslcheck` accepts. */
export type Transport = 'stdio' | 'node-ipc' | 'socket';

/** How a test client introduces itself. */
export interface ClientOptions {
  capabilities: ClientCapabilities;
  workspaceFolders?: WorkspaceFolder[] | null;
  initializationOptions?: unknown;
  /** Answers workspace/configuration; absent means the client does not support it. */
  configuration?: (item: ConfigurationItem) => unknown;
}

/** A client connected to a freshly spawned server. */
export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly messages: string[] = [];
  /** What the server wrote to stdout when stdout is not the transport. */
  stdout = '';
  readonly configurationRequests: ConfigurationItem[] = [];
  readonly serverRequests: string[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly waiters: (() => void)[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    transport: Transport,
  ) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    if (transport !== 'stdio') process.stdout!.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    connection.onNotification(ShowMessageNotification.type, (params) => {
      this.messages.push(params.message);
      this.notify();
    });
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      this.notify();
    });
    connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
  }

  /** Spawns the server, runs initialize/initialized and returns the connected client. */
  static async start(options: ClientOptions, transport: Transport = 'stdio'): Promise<TestClient> {
    const { child, reader, writer } = await spawnServer(transport);
    const connection = createProtocolConnection(reader, writer);
    const client = new TestClient(child, connection, transport);
    connection.onRequest(ConfigurationRequest.type, (params) => {
      client.serverRequests.push(ConfigurationRequest.method);
      client.configurationRequests.push(...params.items);
      return params.items.map((item) => options.configuration!(item) ?? null);
    });
    connection.onRequest(RegistrationRequest.type, () => {
      client.serverRequests.push(RegistrationRequest.method);
      client.notify();
    });
    for (const method of ['workspace/diagnostic/refresh', 'workspace/inlayHint/refresh', 'client/unregisterCapability']) {
      connection.onRequest(method, () => {
        client.serverRequests.push(method);
        client.notify();
        return null;
      });
    }
    connection.listen();
    const capabilities: ClientCapabilities = {
      ...options.capabilities,
      workspace: { ...options.capabilities.workspace, configuration: options.configuration !== undefined },
    };
    client.initializeResult = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0]?.uri ?? null,
      workspaceFolders: options.workspaceFolders ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** Opens a document. */
  open(uri: string, text: string, languageId = 'dockerfile', version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  /** Sends an edit. */
  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  /** Tells the server its settings changed (pull model: it fetches them). */
  settingsChanged(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /**
   * Resolves with the first published diagnostics for `uri`, counting from publish number
   * `after`, that satisfy `accept`. Mocha's timeout bounds the wait.
   */
  async diagnostics(
    uri: string,
    accept: (p: PublishDiagnosticsParams) => boolean = () => true,
    after = 0,
  ): Promise<PublishDiagnosticsParams> {
    for (;;) {
      const found = this.published.slice(after).find((p) => p.uri === uri && accept(p));
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves once the server has shown a message matching `pattern`. */
  async message(pattern: RegExp): Promise<string> {
    for (;;) {
      const found = this.messages.find((m) => pattern.test(m));
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  /** Resolves once the server has sent a request with this method. */
  async serverRequest(method: string): Promise<void> {
    while (!this.serverRequests.includes(method)) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  /** shutdown, exit, and the server's exit code. */
  async stop(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  /** Ends the server if a test failed half-way. */
  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }

  private notify(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

/** Starts `muslcheck` with the flag of a transport and connects to it. */
async function spawnServer(transport: Transport): Promise<{ child: ChildProcess; reader: MessageReader; writer: MessageWriter }> {
  if (transport === 'stdio') {
    const child = spawn(process.execPath, [SERVER_BIN, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    return { child, reader: new StreamMessageReader(child.stdout!), writer: new StreamMessageWriter(child.stdin!) };
  }
  if (transport === 'node-ipc') {
    const child = spawn(process.execPath, [SERVER_BIN, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'] });
    return { child, reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child) };
  }
  // With --socket=PORT the client listens and the server connects to it.
  const listener = createServer();
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as { port: number }).port;
  const connected = new Promise<Socket>((resolve) => listener.once('connection', resolve));
  const child = spawn(process.execPath, [SERVER_BIN, `--socket=${port}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  const socket = await connected;
  listener.close();
  return { child, reader: new SocketMessageReader(socket), writer: new SocketMessageWriter(socket) };
}
