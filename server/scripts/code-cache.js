// Writes the V8 code cache of each bundle (out/bundle/NAME.js.cache, read by bin/load-bundle.js),
// the language server's analysis worker included.
// V8 can only cache what it has compiled, so each bundle is first run the way a user first
// meets it: the command line over a sample Dockerfile in each main output format, the language
// server through an editor's first exchange (open, diagnostics, code actions, hover). Each runs
// in its own process, spawned without NODE_OPTIONS: V8 rejects a cache made under other flags.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const { Writable } = require('node:stream');
const { clearTimeout, setTimeout } = require('node:timers');
const { pathToFileURL } = require('node:url');
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver/node');
const { loadBundle } = require('../bin/load-bundle');

/** Meets every rule family: an alpine-glibc base, sgerrand's key and apk, glibc from a Debian stage. */
const SAMPLE = `# syntax=docker/dockerfile:1
ARG GLIBC_VERSION=2.35-r1
FROM debian:bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
COPY app /usr/local/bin/app

FROM frolvlad/alpine-glibc:alpine-3.17 AS runtime
RUN apk add --no-cache libstdc++

FROM alpine:3.19
ARG GLIBC_VERSION
ENV LANG=C.UTF-8
RUN wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub && \\
    wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/\${GLIBC_VERSION}/glibc-\${GLIBC_VERSION}.apk && \\
    apk add --no-cache glibc-\${GLIBC_VERSION}.apk && \\
    rm glibc-\${GLIBC_VERSION}.apk
COPY --from=build /usr/local/bin/app /usr/local/bin/app
CMD ["app"]
`;

const CHILD_FLAG = '--warm';

/** A warm-up takes about a second; a child still running after this is stuck. */
const DEADLINE_MS = 60_000;

const run = process.argv[2] === CHILD_FLAG ? warmChild(process.argv[3]) : main();
run.catch((error) => {
  console.error(`muslcheck build: ${error instanceof Error ? error.message : error}`);
  process.exitCode = 1;
});

async function main() {
  const folder = mkdtempSync(path.join(tmpdir(), 'muslcheck-code-cache-'));
  try {
    writeFileSync(path.join(folder, 'Dockerfile'), SAMPLE);
    await runChild(['cli', folder]);
    await warmServer(folder);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * Spawns this script as a child that warms one bundle; resolves when it has written the cache.
 * A child that fails its exchange or outlives the deadline is killed, so the build never hangs.
 */
async function runChild(args, onSpawn) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  // The server's analysis worker writes its own cache as it ends (out/bundle/analysis-worker.js).
  if (args[0] === 'server') env.MUSLCHECK_WRITE_CODE_CACHE = '1';
  const child = spawn(process.execPath, [__filename, CHILD_FLAG, ...args], {
    env,
    stdio: [onSpawn ? 'pipe' : 'ignore', 'pipe', 'inherit'],
  });
  let timer;
  const exited = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`code cache: warming ${args[0]} failed (${signal ?? `exit ${code}`})`)),
    );
    timer = setTimeout(() => reject(new Error(`code cache: warming ${args[0]} took over ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  });
  if (!onSpawn) child.stdout.resume();
  try {
    await Promise.all([onSpawn ? onSpawn(child) : null, exited]);
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Drives the server child through a short editor session, then asks it to exit. */
function warmServer(folder) {
  return runChild(['server', '--stdio'], async (child) => {
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const uri = pathToFileURL(path.join(folder, 'Dockerfile')).href;
    const published = new Promise((resolve) =>
      connection.onNotification('textDocument/publishDiagnostics', (params) => {
        if (params.uri === uri) resolve(params.diagnostics);
      }),
    );
    connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
    connection.listen();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      capabilities: { textDocument: { codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } } } },
    });
    connection.sendNotification('initialized', {});
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: SAMPLE } });
    const diagnostics = await published;
    if (diagnostics.length === 0) throw new Error('code cache: the server found nothing in the sample');
    const textDocument = { uri };
    await connection.sendRequest('textDocument/codeAction', { textDocument, range: diagnostics[0].range, context: { diagnostics } });
    await connection.sendRequest('textDocument/hover', { textDocument, position: diagnostics[0].range.start });
    await connection.sendRequest('shutdown');
    connection.sendNotification('exit');
  });
}

/** In the child: runs a bundle and writes its cache as the process exits. */
async function warmChild(name) {
  const bundle = loadBundle(name);
  process.on('exit', (code) => {
    if (code === 0) bundle.writeCache();
  });
  if (name === 'server') {
    bundle.exports.startServer();
    return;
  }
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
  const io = { stdout: sink, stderr: sink, stdin: process.stdin, env: {} };
  const runs = [...['text', 'json', 'sarif'].map((format) => ['--format', format]), ['--fix-dry-run']];
  for (const options of runs) {
    // A usage error would warm only the path that reports it.
    const status = await bundle.exports.runCli([process.argv[4], '--no-fail', ...options], io);
    if (status !== 0) throw new Error(`code cache: muslcheck ${options.join(' ')} exited ${status}`);
  }
}
