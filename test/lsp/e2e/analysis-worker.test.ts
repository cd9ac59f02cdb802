// The language server analyses in a worker thread: a request is answered from the last
// finished analysis while a large document is analysed, an edit that arrives during an
// analysis makes the older versions' work stale, and a worker that dies is replaced.
import assert from 'node:assert/strict';
import { LspClient, type Message } from '../../security/lsp-client';

const GLIBC_BASE = 'FROM frolvlad/alpine-glibc:alpine-3.18\n';

/**
 * A large Dockerfile of RUNs over `linesPerRun` lines each, whose every line differs from
 * those of another `word`, so no parse is reused.
 */
function largeDockerfile(lines: number, word: string, base = GLIBC_BASE, linesPerRun = 2): string {
  let text = base;
  for (let i = 0; i < lines / linesPerRun; i++) {
    text += `RUN echo ${word} ${i}`;
    for (let k = 1; k < linesPerRun; k++) text += ` \\\n    && touch /tmp/${word}-${i}-${k}`;
    text += '\n';
  }
  return text;
}

function codesOf(message: Message): string[] {
  return (message.params as { diagnostics: { code?: string }[] }).diagnostics.map((d) => d.code ?? '');
}

function isDiagnostics(message: Message, uri: string, version?: number): boolean {
  const params = message.params as { uri?: string; version?: number } | undefined;
  return (
    message.method === 'textDocument/publishDiagnostics' && params?.uri === uri && (version === undefined || params.version === version)
  );
}

describe('language server analysis worker', function () {
  this.timeout(119_000);
  let client: LspClient;
  afterEach(() => client.kill());

  it('answers a hover from the last finished analysis while a large edit is analysed', async () => {
    client = new LspClient();
    await client.initialize();
    const uri = 'file:///worker/hover/Dockerfile';
    const opened = client.nextDiagnostics(uri, 1, 60_000);
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: largeDockerfile(10_000, 'one') },
    });
    assert.deepEqual(codesOf(await opened), ['MC1001']);

    // Every line changes, so version 2 is analysed from scratch while the hover is asked.
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ text: largeDockerfile(10_000, 'two', 'FROM alpine:3.20\n') }],
    });
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    const answeredAt = client.arrivals.indexOf(hover);
    const published = await client.nextDiagnostics(uri, 2, 60_000);
    assert.ok(answeredAt < client.arrivals.indexOf(published), 'the hover was answered before version 2 was analysed');
    assert.match(JSON.stringify(hover.result), /MC1001/, 'from version 1, the last finished analysis');
    assert.deepEqual(codesOf(published), []);
    const after = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.doesNotMatch(JSON.stringify(after.result), /MC1001/, 'from version 2 once it is analysed');
  });

  it('publishes only the newest version of edits made while an analysis runs', async () => {
    client = new LspClient();
    await client.initialize();
    const uri = 'file:///worker/stale/Dockerfile';
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'dockerfile', version: 1, text: largeDockerfile(19_000, 'v1') },
    });
    // Version 1 (19,000 lines, a cold analyzer) is still being analysed while these arrive.
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let version = 2; version <= 6; version++) {
      client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ text: largeDockerfile(19_000, `v${version}`) }],
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const last = await client.nextDiagnostics(uri, 6, 60_000);
    assert.deepEqual(codesOf(last), ['MC1001']);
    const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.equal(hover.error, undefined);
    assert.deepEqual(
      client.received.filter((m) => isDiagnostics(m, uri)).map((m) => (m.params as { version: number }).version),
      [6],
      'versions 1 to 5 were replaced before they were published',
    );
  });

  it('replaces a worker that runs out of memory, says which document did it, and keeps serving', async () => {
    client = new LspClient([], { MUSLCHECK_ANALYSIS_HEAP_MB: '64' });
    await client.initialize();
    const small = 'file:///worker/crash/small/Dockerfile';
    const openedSmall = client.nextDiagnostics(small, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: GLIBC_BASE } });
    assert.deepEqual(codesOf(await openedSmall), ['MC1001']);

    const huge = 'file:///worker/crash/huge/Dockerfile';
    const failed = client.nextDiagnostics(huge, 1, 60_000);
    client.notify('textDocument/didOpen', {
      textDocument: { uri: huge, languageId: 'dockerfile', version: 1, text: largeDockerfile(150_000, 'huge', GLIBC_BASE, 16) },
    });
    const message = (await failed).params as { diagnostics: { message: string }[] };
    assert.match(message.diagnostics[0].message, /^Not analyzed: the analysis failed/);
    const logged = await client.waitFor(
      (m) => m.method === 'window/logMessage' && JSON.stringify(m.params).includes(`analysing ${huge} failed`),
      'the failure in the log',
    );
    assert.ok(logged);

    // The new worker has the small document and analyses its edits.
    const edited = client.nextDiagnostics(small, 2);
    client.notify('textDocument/didChange', { textDocument: { uri: small, version: 2 }, contentChanges: [{ text: 'FROM alpine:3.20\n' }] });
    assert.deepEqual(codesOf(await edited), []);
    assert.equal(client.exitCode, null);
    assert.equal(await client.shutdown(), 0);
  });
});
