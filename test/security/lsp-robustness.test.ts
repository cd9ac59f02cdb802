// The language server under hostile clients: malformed frames, unknown methods, documents it
// never saw, versions out of order, edits past the end, a 10 MB document, 10,000 edits. It
// must answer with proper errors, keep serving, and give memory back when documents close.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { LspClient, type Message } from './lsp-client';

const HEAP_PROBE = join(__dirname, 'heap-probe.cjs');
const GLIBC = 'FROM alpine:3.19\nRUN apk add glibc\n';

/** A request that must be answered: the server is still serving. */
async function assertServing(client: LspClient, uri: string): Promise<void> {
  const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
  assert.equal(hover.error, undefined, `hover failed: ${JSON.stringify(hover.error)}`);
  assert.equal(client.exitCode, null, 'the server exited');
}

function codesOf(message: Message): string[] {
  return (message.params as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
}

/** The heap of the server's main thread and of its analysis worker, after full collections. */
async function heapOf(client: LspClient): Promise<number> {
  const before = client.stderr.length;
  client.process.kill('SIGUSR2');
  const lines = /muslcheck-test: heapUsed=(\d+)\n[^]*muslcheck-test: worker heapUsed=(\d+)\n/;
  for (let i = 0; i < 200 && !lines.test(client.stderr.slice(before)); i++) await new Promise((r) => setTimeout(r, 50));
  const [, main, worker] = lines.exec(client.stderr.slice(before)) ?? [];
  return Number(main) + Number(worker);
}

/**
 * The heap growth over two more runs of `cycle` after a first one warmed the server up; fails
 * when the server's heap could not be read.
 */
async function heapGrowthOver(client: LspClient, cycle: (round: number) => Promise<void>): Promise<number> {
  await cycle(0);
  const baseline = await heapOf(client);
  for (let round = 1; round <= 2; round++) await cycle(round);
  const after = await heapOf(client);
  assert.ok(Number.isFinite(baseline) && Number.isFinite(after), client.stderr.slice(-500));
  return after - baseline;
}

describe('security: language server robustness', function () {
  this.timeout(120_000);
  let client: LspClient;
  const uri = 'file:///robustness/Dockerfile';

  beforeEach(async () => {
    client = new LspClient(['--expose-gc', '-r', HEAP_PROBE]);
    await client.initialize();
    const opened = client.nextDiagnostics(uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: GLIBC } });
    assert.deepEqual(codesOf(await opened), ['MC1002']);
  });
  afterEach(() => client.kill());

  it('answers invalid JSON in a well-framed message and keeps serving', async () => {
    const body = Buffer.from('{"jsonrpc":"2.0","id":99,"method":');
    client.writeRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
    await assertServing(client, uri);
  });

  it('reads frames with extra headers and split across writes', async () => {
    const body = Buffer.from(
      JSON.stringify({
        jsonrpc: '2.0',
        id: 'split',
        method: 'textDocument/hover',
        params: { textDocument: { uri }, position: { line: 1, character: 5 } },
      }),
    );
    const frame = Buffer.concat([
      Buffer.from(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n`),
      body,
    ]);
    const answered = client.waitFor((m) => m.id === 'split', 'the split request');
    for (let i = 0; i < frame.length; i += 7) client.writeRaw(frame.subarray(i, i + 7));
    assert.equal((await answered).error, undefined);
    await assertServing(client, uri);
  });

  for (const [what, bytes] of [
    ['a Content-Length that is not a number', 'Content-Length: abc\r\n\r\n{}'],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{}'],
    ['a Content-Length shorter than the body', 'Content-Length: 3\r\n\r\n{"jsonrpc":"2.0","id":5,"method":"x"}'],
    ['a Content-Length no message may have', 'Content-Length: 99999999999\r\n\r\n{}'],
    ['no blank line after the header', 'Content-Length: 2\r\n{}'],
    ['no Content-Length at all', 'Content-Type: application/vscode-jsonrpc\r\n\r\n{}'],
  ]) {
    it(`stops with the reason on standard error after ${what}, instead of going deaf`, async () => {
      client.writeRaw(bytes);
      // The next well-formed request shows the stream cannot be read any further.
      void client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }).catch(() => undefined);
      const code = await new Promise((resolve) => client.process.once('exit', resolve));
      assert.equal(code, 1);
      assert.match(
        client.stderr,
        /^muslcheck: the language server stops: the client sent a corrupt message header: .+ \(the header at byte \d+\)$/m,
      );
    });
  }

  it('answers messages that are JSON but not JSON-RPC', async () => {
    client.writeMessage({ hello: 'world' });
    client.writeMessage([1, 2, 3]);
    client.writeMessage({ jsonrpc: '2.0', id: 7, method: 42 });
    await assertServing(client, uri);
  });

  it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
    const unknown = await client.request('muslcheck/doesNotExist', { x: 1 });
    assert.equal(unknown.error?.code, -32601);
    client.notify('muslcheck/alsoUnknown', {});
    client.notify('$/unknownProtocolThing', {});
    await assertServing(client, uri);
  });

  it('answers requests about documents that were never opened', async () => {
    const other = 'file:///never/opened/Dockerfile';
    const position = { line: 0, character: 0 };
    const range = { start: position, end: position };
    for (const [method, params] of [
      ['textDocument/hover', { textDocument: { uri: other }, position }],
      ['textDocument/codeAction', { textDocument: { uri: other }, range, context: { diagnostics: [] } }],
      ['textDocument/inlayHint', { textDocument: { uri: other }, range }],
    ] as const) {
      const response = await client.request(method, params);
      assert.ok(response.error === undefined || typeof response.error.code === 'number', `${method}: ${JSON.stringify(response)}`);
    }
    client.notify('textDocument/didChange', { textDocument: { uri: other, version: 2 }, contentChanges: [{ text: GLIBC }] });
    client.notify('textDocument/didClose', { textDocument: { uri: other } });
    await assertServing(client, uri);
  });

  it('survives a didChange whose version goes backwards', async () => {
    client.notify('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: 'FROM alpine:3.19\n' }] });
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: GLIBC }] });
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 6 },
      contentChanges: [{ text: GLIBC + 'RUN apk add glibc-bin\n' }],
    });
    assert.deepEqual(codesOf(await client.nextDiagnostics(uri, 6)), ['MC1002', 'MC1002']);
    // The stale version 3 was dropped, not applied: an edit on top of 6 sees 6's text.
    const appended = client.nextDiagnostics(uri, 7);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 7 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# seven\n' }],
    });
    assert.deepEqual(codesOf(await appended), ['MC1002', 'MC1002']);
    await assertServing(client, uri);
  });

  it('clamps didChange ranges beyond the end of the document', async () => {
    const changed = client.nextDiagnostics(uri, 8);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 8 },
      contentChanges: [{ range: { start: { line: 40, character: 0 }, end: { line: 99, character: 99 } }, text: 'RUN apk add glibc-bin\n' }],
    });
    const codes = codesOf(await changed);
    assert.ok(
      codes.every((c) => c === 'MC1002'),
      codes.join(', '),
    );
    const reversed = client.nextDiagnostics(uri, 9);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 9 },
      contentChanges: [{ range: { start: { line: 1, character: 500 }, end: { line: 0, character: 0 } }, text: '' }],
    });
    await reversed;
    await assertServing(client, uri);
  });

  it('says on the first line when a document is too large to analyze', async () => {
    const wide = 'file:///robustness/wide.Dockerfile';
    const published = client.nextDiagnostics(wide, 1);
    const text = `FROM alpine\nRUN apk add glibc ${'x'.repeat(40_000)}\n`;
    client.notify('textDocument/didOpen', { textDocument: { uri: wide, languageId: 'dockerfile', version: 1, text } });
    const { diagnostics } = (await published).params as { diagnostics: { message: string; range: { start: { line: number } } }[] };
    assert.deepEqual(
      diagnostics.map((d) => [d.range.start.line, d.message]),
      [[0, 'Not analyzed: line 2 is 40018 characters long; muslcheck analyzes lines of at most 32768 characters.']],
    );
    client.notify('textDocument/didClose', { textDocument: { uri: wide } });
    await assertServing(client, uri);
  });

  it('analyzes a 10 MB document and keeps serving', async () => {
    const big = 'file:///robustness/big.Dockerfile';
    const text = GLIBC + '# filler line for a large document...........................\n'.repeat(Math.ceil((10 * 1024 * 1024) / 62));
    const published = client.nextDiagnostics(big, 1, 60_000);
    client.notify('textDocument/didOpen', { textDocument: { uri: big, languageId: 'dockerfile', version: 1, text } });
    assert.deepEqual(codesOf(await published), ['MC1002']);
    await assertServing(client, big);
  });

  it('takes a flood of 10,000 edits and publishes the final state', async () => {
    for (let version = 2; version <= 10_001; version++) {
      const line = version % 2 === 0 ? 'RUN apk add gcompat\n' : 'RUN apk add glibc\n';
      client.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } }, text: line }],
      });
    }
    const final = await client.nextDiagnostics(uri, 10_001, 60_000);
    assert.deepEqual(codesOf(final), ['MC1002']);
    await assertServing(client, uri);
  });

  it('gives memory back after documents close', async () => {
    const cycle = async (round: number): Promise<void> => {
      const doc = `file:///robustness/memory-${round}.Dockerfile`;
      const text = GLIBC + '# filler line of a large document, 2 MB in all\n'.repeat(45_000);
      const published = client.nextDiagnostics(doc, 1, 60_000);
      client.notify('textDocument/didOpen', { textDocument: { uri: doc, languageId: 'dockerfile', version: 1, text } });
      await published;
      for (let version = 2; version <= 100; version++) {
        client.notify('textDocument/didChange', {
          textDocument: { uri: doc, version },
          contentChanges: [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: `# ${version}\n` }],
        });
      }
      await client.nextDiagnostics(doc, 100, 60_000);
      client.notify('textDocument/didClose', { textDocument: { uri: doc } });
      await assertServing(client, uri);
    };
    const growth = await heapGrowthOver(client, cycle);
    // Each document is 2 MB of text plus its analysis; keeping even one would exceed this.
    assert.ok(growth < 4 * 1024 * 1024, `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB over 2 open/edit/close cycles`);
  });
});

describe('security: language server memory after a large document closes', function () {
  this.timeout(180_000);

  it('drops the parse cache entries only the closed document read', async () => {
    const client = new LspClient(['--expose-gc', '-r', HEAP_PROBE]);
    try {
      await client.initialize();
      const small = 'file:///memory/small/Dockerfile';
      const opened = client.nextDiagnostics(small, 1);
      client.notify('textDocument/didOpen', { textDocument: { uri: small, languageId: 'dockerfile', version: 1, text: GLIBC } });
      await opened;
      // 3,000 RUNs over 15,000 lines, none like another round's: each one a cache entry.
      const cycle = async (round: number): Promise<void> => {
        const uri = `file:///memory/large-${round}/Dockerfile`;
        let text = GLIBC;
        for (let i = 0; i < 3000; i++)
          text += `RUN echo ${round} ${i} \\\n  && touch /a${i} \\\n  && touch /b${i} \\\n  && touch /c${i} \\\n  && true\n`;
        const published = client.nextDiagnostics(uri, 1, 120_000);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
        await published;
        client.notify('textDocument/didClose', { textDocument: { uri } });
        await assertServing(client, small);
      };
      const growth = await heapGrowthOver(client, cycle);
      // Each document's cache entries alone take several MB.
      assert.ok(
        growth < 4 * 1024 * 1024,
        `heap grew by ${(growth / 1024 / 1024).toFixed(1)} MB over 2 open/close cycles of 15,000-line documents`,
      );
    } finally {
      client.kill();
    }
  });
});
