// A small JSON-RPC client for the language server over stdio, written for these tests so
// they can also send what no real client would: broken headers, invalid JSON, floods.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';

/** Repository root. */
export const ROOT = join(__dirname, '..', '..');
/** The `muslcheck` bin, which `--stdio` turns into the language server. */
export const BIN = join(ROOT, 'server', 'bin', 'muslcheck.js');

/** A JSON-RPC message as received. */
export interface Message {
  jsonrpc: '2.0';
  id?: number | string | null;
  method?: string;
  params?: unknown;
  result?: unknown;
  error?: { code: number; message: string };
}

/** A running server process and a client for it. */
export class LspClient {
  readonly process: ChildProcessWithoutNullStreams;
  /** Everything the server wrote to stderr. */
  stderr = '';
  /** Every notification and request the server sent, and responses nobody awaited, in order. */
  readonly received: Message[] = [];
  /** Every message the server sent, responses included, in the order they arrived. */
  readonly arrivals: Message[] = [];
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number | string, (message: Message) => void>();
  private readonly waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private exited: Promise<number | null>;

  constructor(nodeArgs: readonly string[] = [], env: Record<string, string> = {}) {
    this.process = spawn(process.execPath, [...nodeArgs, BIN, '--stdio'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, ...env } });
    this.process.stdout.on('data', (chunk: Buffer) => this.read(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => resolve(code)));
  }

  /** Sends a request and resolves with the whole response message (result or error). */
  request(method: string, params: unknown, timeoutMs = 20_000): Promise<Message> {
    const id = this.nextId++;
    this.writeMessage({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no response to ${method} (#${id}) in ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.writeMessage({ jsonrpc: '2.0', method, params });
  }

  /** Writes bytes as they are, framing included or not. */
  writeRaw(data: string | Buffer): void {
    this.process.stdin.write(data);
  }

  /** Writes one correctly framed message. */
  writeMessage(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  /** Resolves with the first message (already received or coming) that matches. */
  waitFor(match: (m: Message) => boolean, what: string, timeoutMs = 20_000): Promise<Message> {
    const seen = this.received.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${this.stderr}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** The next publishDiagnostics for `uri` (with `version` when given) sent after this call. */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 20_000): Promise<Message> {
    const start = this.received.length;
    const match = (m: Message): boolean => {
      const params = m.params as { uri?: string; version?: number } | undefined;
      return m.method === 'textDocument/publishDiagnostics' && params?.uri === uri && (version === undefined || params.version === version);
    };
    const seen = this.received.slice(start).find(match);
    if (seen) return Promise.resolve(seen);
    return this.waitFor((m) => this.received.indexOf(m) >= start && match(m), `diagnostics of ${uri}`, timeoutMs);
  }

  /** initialize + initialized with a minimal client that pulls no configuration. */
  async initialize(): Promise<Message> {
    const response = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    this.notify('initialized', {});
    return response;
  }

  /** shutdown + exit; resolves with the exit code. */
  async shutdown(): Promise<number | null> {
    await this.request('shutdown', null);
    this.notify('exit', null);
    this.process.stdin.end();
    return this.exited;
  }

  /** Ends the process if a test left it running. */
  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }

  get exitCode(): number | null {
    return this.process.exitCode;
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message);
    }
  }

  private dispatch(message: Message): void {
    this.arrivals.push(message);
    const resolve =
      message.method === undefined && message.id !== undefined && message.id !== null ? this.pending.get(message.id) : undefined;
    if (resolve) {
      this.pending.delete(message.id!);
      resolve(message);
      return;
    }
    // Server-to-client requests (configuration, registrations) get an empty answer.
    if (message.method && message.id !== undefined) this.writeMessage({ jsonrpc: '2.0', id: message.id, result: null });
    this.received.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }
}
