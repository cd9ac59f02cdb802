// Benchmarks 2, 3 and 5 over stdio: didChange → publishDiagnostics latency (and muslcheck's
// pull diagnostics), cold start to first diagnostics, and server memory after many documents
// and edits. Each scenario runs against muslcheck and docker-langserver in turn.
import { LspProcess, isDiagnosticsFor, type ServerSpec } from './lsp-client';
import { median, quantile } from './stats';

/** Capabilities of a plain client: push diagnostics, no configuration requests. */
const PUSH_CAPABILITIES = { textDocument: { publishDiagnostics: { versionSupport: true } } };
/** The same client, but pulling diagnostics (`textDocument/diagnostic`). */
const PULL_CAPABILITIES = { textDocument: { publishDiagnostics: { versionSupport: true }, diagnostic: { dynamicRegistration: false } } };

/** Starts a server and completes the initialize handshake; returns it with the initialize result. */
export async function startServer(
  spec: ServerSpec,
  capabilities: object = PUSH_CAPABILITIES,
): Promise<{ server: LspProcess; initialized: number; result: unknown }> {
  const server = new LspProcess(spec.command, spec.args);
  const response = await server.request('initialize', { processId: process.pid, rootUri: null, capabilities, workspaceFolders: null });
  server.notify('initialized', {});
  return { server, initialized: response.at, result: response.message.result };
}

/** Opens a document and resolves when its first diagnostics arrive. */
export async function openDocument(server: LspProcess, uri: string, text: string): Promise<number> {
  const published = server.waitFor((a) => isDiagnosticsFor(a, uri, 1));
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  return (await published).at;
}

/**
 * An edit that types one character at the end of a middle line, then removes it, so the
 * text alternates between two versions and never grows.
 */
export function typingEdit(text: string, step: number): { range: object; text: string } {
  const lines = text.split('\n');
  const line = Math.floor(lines.length / 2);
  const character = lines[line].length;
  return step % 2 === 0
    ? { range: { start: { line, character }, end: { line, character } }, text: 'x' }
    : { range: { start: { line, character }, end: { line, character: character + 1 } }, text: '' };
}

/** Latency samples of one server on one file. */
export interface LatencyResult {
  server: string;
  lines: number;
  mode: 'push' | 'pull';
  edits: number;
  medianMs: number;
  p99Ms: number;
}

/** Push latency: didChange → the publishDiagnostics of that version, one edit at a time. */
export async function pushLatency(spec: ServerSpec, text: string, edits: number): Promise<LatencyResult> {
  const { server } = await startServer(spec);
  const uri = 'file:///bench/latency/Dockerfile';
  await openDocument(server, uri, text);
  const samples: number[] = [];
  for (let i = 0; i < edits; i++) {
    const version = i + 2;
    const published = server.waitFor((a) => isDiagnosticsFor(a, uri, version));
    const sent = performance.now();
    server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [typingEdit(text, i)] });
    samples.push((await published).at - sent);
  }
  await server.stop();
  return {
    server: spec.name,
    lines: text.split('\n').length,
    mode: 'push',
    edits,
    medianMs: median(samples),
    p99Ms: quantile(samples, 0.99),
  };
}

/** Pull latency: didChange, then at once `textDocument/diagnostic`, timed to its answer. */
export async function pullLatency(spec: ServerSpec, text: string, edits: number): Promise<LatencyResult | null> {
  const { server, result } = await startServer(spec, PULL_CAPABILITIES);
  const capabilities = (result as { capabilities?: { diagnosticProvider?: unknown } }).capabilities;
  if (!capabilities?.diagnosticProvider) {
    await server.stop();
    return null;
  }
  const uri = 'file:///bench/pull/Dockerfile';
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
  await server.request('textDocument/diagnostic', { textDocument: { uri } });
  const samples: number[] = [];
  for (let i = 0; i < edits; i++) {
    const sent = performance.now();
    server.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [typingEdit(text, i)] });
    const answer = await server.request('textDocument/diagnostic', { textDocument: { uri } });
    samples.push(answer.at - sent);
  }
  await server.stop();
  return {
    server: spec.name,
    lines: text.split('\n').length,
    mode: 'pull',
    edits,
    medianMs: median(samples),
    p99Ms: quantile(samples, 0.99),
  };
}

/** Typing burst on a large file: how long until the last keystroke's diagnostics, and how many stale versions were published. */
export interface BurstResult {
  server: string;
  lines: number;
  keystrokes: number;
  intervalMs: number;
  /** Last keystroke → its diagnostics. */
  settleMs: number;
  /** Diagnostics published during the burst (1 means every stale version was skipped). */
  publishes: number;
}

/** Types `keystrokes` characters `intervalMs` apart into a large file. */
export async function typingBurst(spec: ServerSpec, text: string, keystrokes: number, intervalMs: number): Promise<BurstResult> {
  const { server } = await startServer(spec);
  const uri = 'file:///bench/burst/Dockerfile';
  await openDocument(server, uri, text);
  const arrivals: number[] = [];
  const counting = server.waitFor((a) => {
    if (isDiagnosticsFor(a, uri)) arrivals.push(a.at);
    return false;
  }, 600000);
  counting.catch(() => undefined);
  let sent = 0;
  for (let i = 0; i < keystrokes; i++) {
    sent = performance.now();
    server.notify('textDocument/didChange', { textDocument: { uri, version: i + 2 }, contentChanges: [typingEdit(text, i)] });
    if (i < keystrokes - 1) await sleep(intervalMs);
  }
  // Not every server sends versions: wait until diagnostics stop coming.
  const giveUp = performance.now() + 60000;
  for (;;) {
    await sleep(100);
    const last = arrivals[arrivals.length - 1];
    if (last !== undefined && last > sent && performance.now() - last > 750) break;
    if (performance.now() > giveUp) throw new Error(`${spec.name}: no diagnostics after the typing burst`);
  }
  await server.stop();
  return {
    server: spec.name,
    lines: text.split('\n').length,
    keystrokes,
    intervalMs,
    settleMs: arrivals[arrivals.length - 1] - sent,
    publishes: arrivals.length,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Cold start phases of one server, medians over runs. */
export interface ColdStartResult {
  server: string;
  runs: number;
  initializeMs: number;
  firstDiagnosticsMs: number;
}

/** Spawn → initialize result → first diagnostics of a document opened right after, `runs` times, servers interleaved. */
export async function coldStart(specs: readonly ServerSpec[], text: string, runs: number): Promise<ColdStartResult[]> {
  const samples = new Map(specs.map((s) => [s.name, { initialize: [] as number[], first: [] as number[] }]));
  for (let run = 0; run < runs; run++) {
    for (let k = 0; k < specs.length; k++) {
      const spec = specs[(run + k) % specs.length];
      const { server, initialized } = await startServer(spec);
      const first = await openDocument(server, 'file:///bench/cold/Dockerfile', text);
      samples.get(spec.name)!.initialize.push(initialized - server.spawnedAt);
      samples.get(spec.name)!.first.push(first - server.spawnedAt);
      await server.stop();
    }
  }
  return specs.map((spec) => {
    const s = samples.get(spec.name)!;
    return { server: spec.name, runs, initializeMs: median(s.initialize), firstDiagnosticsMs: median(s.first) };
  });
}

/** Server memory after initialize, after opening the documents, and after some numbers of edits. */
export interface MemoryResult {
  server: string;
  documents: number;
  /** Total size of the open documents' text, in UTF-16 code units. */
  documentChars: number;
  edits: number;
  idleRss: number;
  openRss: number;
  /** RSS after each checkpoint's number of edits. */
  editedRss: { edits: number; rss: number }[];
}

/**
 * RSS after initialize, after opening every document, and after each of `checkpoints` edits
 * spread over them (each one analysed).
 */
export async function memory(spec: ServerSpec, texts: readonly string[], checkpoints: readonly number[]): Promise<MemoryResult> {
  const edits = Math.max(...checkpoints);
  const { server } = await startServer(spec);
  await sleep(200);
  const idleRss = server.rss();
  const uris = texts.map((_, i) => `file:///bench/memory/project-${i}/Dockerfile`);
  await Promise.all(texts.map((text, i) => openDocument(server, uris[i], text)));
  const openRss = server.rss();
  const versions = texts.map(() => 1);
  const editedRss: { edits: number; rss: number }[] = [];
  for (let done = 0; done < edits;) {
    // One edit per document, then wait for all of their diagnostics: every edit is analysed.
    const batch = Math.min(texts.length, edits - done);
    const published: Promise<unknown>[] = [];
    for (let i = 0; i < batch; i++) {
      const version = ++versions[i];
      published.push(server.waitFor((a) => isDiagnosticsFor(a, uris[i], version)));
      server.notify('textDocument/didChange', { textDocument: { uri: uris[i], version }, contentChanges: [typingEdit(texts[i], version)] });
    }
    await Promise.all(published);
    done += batch;
    for (const checkpoint of checkpoints)
      if (done >= checkpoint && done - batch < checkpoint) editedRss.push({ edits: done, rss: server.rss() });
  }
  await server.stop();
  return {
    server: spec.name,
    documents: texts.length,
    documentChars: texts.reduce((sum, t) => sum + t.length, 0),
    edits,
    idleRss,
    openRss,
    editedRss,
  };
}

/** Hover latency while a large document is analysed. */
export interface HoverResult {
  server: string;
  lines: number;
  /** `typing`: one character typed, then the hover; `replace`: the whole text replaced by another. */
  mode: 'typing' | 'replace';
  rounds: number;
  medianMs: number;
  maxMs: number;
  /** Rounds whose hover was answered before the edit's diagnostics. */
  answeredFirst: number;
}

/**
 * Edits a large document and asks for a hover right away, `rounds` times; the clock runs from
 * the hover request to its answer. Each round then waits for the edit's diagnostics.
 */
export async function hoverWhileAnalysing(
  spec: ServerSpec,
  texts: (round: number) => string,
  mode: HoverResult['mode'],
  rounds: number,
): Promise<HoverResult> {
  const { server } = await startServer(spec);
  const uri = 'file:///bench/hover/Dockerfile';
  const first = texts(0);
  await openDocument(server, uri, first);
  // The glibc install at the top of every generated file: a finding, so a hover has something to say.
  const position = { line: 4, character: 40 };
  const samples: number[] = [];
  let answeredFirst = 0;
  for (let i = 0; i < rounds; i++) {
    const version = i + 2;
    const published = server.waitFor((a) => isDiagnosticsFor(a, uri, version));
    const change = mode === 'typing' ? typingEdit(first, i) : { text: texts(i + 1) };
    server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    const sent = performance.now();
    const hover = await server.request('textDocument/hover', { textDocument: { uri }, position });
    samples.push(hover.at - sent);
    if (hover.at <= (await published).at) answeredFirst++;
  }
  await server.stop();
  return {
    server: spec.name,
    lines: first.split('\n').length,
    mode,
    rounds,
    medianMs: median(samples),
    maxMs: Math.max(...samples),
    answeredFirst,
  };
}
