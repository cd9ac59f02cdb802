// A minimal LSP client over stdio for timing servers: spawns a server, frames JSON-RPC by
// hand (no client library between the pipe and the clock), stamps every message with the
// time its bytes arrived, and answers the server's own requests the way a plain editor does.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A message from the server with the time it arrived (performance.now()). */
export interface Arrival {
  message: { id?: number | string; method?: string; params?: unknown; result?: unknown; error?: unknown };
  at: number;
}

type Listener = (arrival: Arrival) => boolean;

/** One running server process and its JSON-RPC conversation. */
export class LspProcess {
  readonly child: ChildProcessWithoutNullStreams;
  /** When the process was spawned (performance.now()). */
  readonly spawnedAt: number;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private listeners: Listener[] = [];
  private stderr = '';

  constructor(command: string, args: readonly string[]) {
    this.spawnedAt = performance.now();
    this.child = spawn(command, [...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk, performance.now()));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Sends a request and resolves with its response and the time the response arrived. */
  request(method: string, params: unknown): Promise<Arrival> {
    const id = this.nextId++;
    const answered = this.waitFor((a) => a.message.id === id && a.message.method === undefined);
    this.send({ jsonrpc: '2.0', id, method, params });
    return answered;
  }

  /** Sends a notification. */
  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the first message from now on that passes `test`. */
  waitFor(test: (arrival: Arrival) => boolean, timeoutMs = 60000): Promise<Arrival> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(
          new Error(`timed out after ${timeoutMs} ms waiting for the server${this.stderr ? `; stderr: ${this.stderr.slice(-500)}` : ''}`),
        );
      }, timeoutMs);
      const listener: Listener = (arrival) => {
        if (!test(arrival)) return false;
        clearTimeout(timer);
        resolve(arrival);
        return true;
      };
      this.listeners.push(listener);
    });
  }

  /** Resident set size of the server process, from /proc (Linux), in bytes. */
  rss(): number {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  /** Asks the server to shut down and waits for the process to end. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => {
      if (this.child.exitCode !== null) resolve();
      else this.child.once('exit', () => resolve());
    });
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      this.child.kill();
    }
    const killer = setTimeout(() => this.child.kill(), 3000);
    await exited;
    clearTimeout(killer);
  }

  private send(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  private receive(chunk: Buffer, at: number): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = /Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!length) throw new Error('LSP message without Content-Length');
      const end = headerEnd + 4 + Number(length[1]);
      if (this.buffer.length < end) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, end).toString('utf8')) as Arrival['message'];
      this.buffer = this.buffer.subarray(end);
      this.dispatch({ message, at });
    }
  }

  private dispatch(arrival: Arrival): void {
    const { message } = arrival;
    if (message.method !== undefined && message.id !== undefined) this.answer(message.id, message.method, message.params);
    this.listeners = this.listeners.filter((listener) => !listener(arrival));
  }

  /** Replies to server requests: no configuration (defaults), and yes to registrations. */
  private answer(id: number | string, method: string, params: unknown): void {
    const items = (params as { items?: unknown[] } | undefined)?.items;
    const result = method === 'workspace/configuration' ? (items ?? []).map(() => null) : null;
    this.send({ jsonrpc: '2.0', id, result });
  }
}

/** How to start one of the compared servers. */
export interface ServerSpec {
  name: string;
  command: string;
  args: string[];
}

/** True for a publishDiagnostics of `uri` (and of `version`, when the server sends versions). */
export function isDiagnosticsFor(arrival: Arrival, uri: string, version?: number): boolean {
  const { message } = arrival;
  if (message.method !== 'textDocument/publishDiagnostics') return false;
  const params = message.params as { uri: string; version?: number };
  if (params.uri !== uri) return false;
  return version === undefined || params.version === undefined || params.version === version;
}
