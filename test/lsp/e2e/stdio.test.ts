// End-to-end: the built `muslcheck --stdio` driven by a real JSON-RPC client through a
// whole editing session, plus UTF-8 positions, pull diagnostics, settings without
// workspace/configuration, several roots, and errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CodeActionKind,
  CodeActionRequest,
  DiagnosticSeverity,
  DocumentDiagnosticRequest,
  HoverRequest,
  InlayHintRequest,
  MarkupKind,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type FullDocumentDiagnosticReport,
  type MarkupContent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { docsUrl } from '../../../server/src/rules/types';
import { applyClientEdits, editsFor, utf8Column } from '../edits';
import { TestClient } from './client';

const fixture = (name: string): string => readFileSync(join(__dirname, '..', 'fixtures', name), 'utf8');

const EDITOR_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    hover: { contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
    publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: { isPreferredSupport: true, dataSupport: true },
    inlayHint: {},
  },
  workspace: { workspaceEdit: { documentChanges: true }, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
};

/** The text after applying a code action, sent to the server as incremental edits. */
async function applyAction(client: TestClient, uri: string, text: string, version: number, action: CodeAction): Promise<string> {
  const edits = editsFor(action.edit, uri);
  assert.ok(edits.length, `action "${action.title}" has no edits`);
  const versioned = action.edit?.documentChanges?.[0];
  if (versioned && 'textDocument' in versioned) assert.equal(versioned.textDocument.version, version - 1);
  // Editors send the edits back as changes; last first keeps earlier positions valid.
  const byPosition = (a: TextEdit, b: TextEdit): number =>
    b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character;
  await client.change(
    uri,
    version,
    [...edits].sort(byPosition).map((e) => ({ range: e.range, text: e.newText })),
  );
  return applyClientEdits(text, edits);
}

function codeActions(client: TestClient, uri: string, diagnostic: Diagnostic): Promise<CodeAction[]> {
  return client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  }) as Promise<CodeAction[]>;
}

describe('language server over stdio', function () {
  let client: TestClient | undefined;
  afterEach(() => client?.kill());

  it('runs an editing session: diagnostics, fixes, hover, inlay hints, settings, shutdown', async () => {
    let settings: Record<string, unknown> = {};
    client = await TestClient.start({
      capabilities: EDITOR_CAPABILITIES,
      workspaceFolders: [{ uri: 'file:///work/project', name: 'project' }],
      configuration: (item) => (item.section === 'muslcheck' ? settings : null),
    });
    const caps = client.initializeResult.capabilities;
    assert.equal(caps.positionEncoding, 'utf-16');
    assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'source.fixAll.muslcheck']);
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.inlayHintProvider, true);
    assert.equal(caps.diagnosticProvider, undefined, 'no pull diagnostics for a client that cannot pull');
    assert.equal(client.initializeResult.serverInfo?.name, 'muslcheck');

    const uri = 'file:///work/project/Dockerfile';
    let text = fixture('glibc-install.Dockerfile');
    await client.open(uri, text);
    const first = await client.diagnostics(uri);
    assert.equal(first.version, 1);
    assert.deepEqual(
      first.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
      [
        ['MC1003', 5, 46, 5, 95],
        ['MC1004', 6, 12, 6, 118],
        ['MC1006', 7, 12, 7, 29],
        ['MC1002', 7, 30, 7, 56],
        ['MC1001', 11, 5, 11, 38],
      ],
    );
    for (const d of first.diagnostics) {
      assert.equal(d.source, 'muslcheck');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.equal(d.codeDescription?.href, docsUrl(String(d.code)));
    }
    const install = first.diagnostics.find((d) => d.code === 'MC1002')!;
    assert.deepEqual(install.relatedInformation, [
      {
        location: { uri, range: { start: { line: 5, character: 46 }, end: { line: 5, character: 95 } } },
        message: 'the glibc signing key is fetched here',
      },
    ]);

    // Hover on a finding: what, why, what to do, the rule page.
    const findingHover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 7, character: 40 },
    });
    const findingText = (findingHover!.contents as MarkupContent).value;
    assert.equal((findingHover!.contents as MarkupContent).kind, 'markdown');
    assert.match(findingText, /\*\*MC1002\*\* `glibc-apk-install`/);
    assert.match(findingText, /installs glibc on musl-based Alpine/);
    assert.match(findingText, /\*\*Why:\*\* .*gcompat/);
    assert.match(findingText, /\*\*What to do:\*\* apply a quick fix: Replace the glibc install with gcompat/);
    assert.ok(findingText.includes(`(${docsUrl('MC1002')})`));
    assert.deepEqual(findingHover!.range, install.range);

    // Hover on FROM: the resolved image and its libc.
    const fromHover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 11, character: 1 },
    });
    const fromText = (fromHover!.contents as MarkupContent).value;
    assert.match(fromText, /\*\*Stage 1\*\* `runtime`: `frolvlad\/alpine-glibc:alpine-3.18`/);
    assert.match(fromText, /\*\*C library:\*\* glibc on musl!/);
    const argHover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 2, character: 2 } });
    assert.match(
      (argHover!.contents as MarkupContent).value,
      /`alpine:3.19`[\s\S]*Written as `alpine:\$\{ALPINE_VERSION\}`[\s\S]*C library:\*\* musl/,
    );

    const hints = await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 14, character: 0 } },
    });
    assert.deepEqual(
      hints!.map((h) => [h.label, h.position.line, h.position.character]),
      [
        ['musl', 2, 29],
        ['glibc on musl!', 11, 38],
      ],
    );

    // The preferred fix of the install removes the whole sgerrand install.
    const installActions = await codeActions(client, uri, install);
    assert.deepEqual(
      installActions.map((a) => [a.title, a.kind, a.isPreferred ?? false]),
      [
        ['Replace the glibc install with gcompat', CodeActionKind.QuickFix, true],
        ['Suppress MC1002 for this instruction', CodeActionKind.QuickFix, false],
        ['Fix all safely fixable muslcheck problems', 'source.fixAll.muslcheck', false],
      ],
    );
    text = await applyAction(client, uri, text, 2, installActions[0]);
    assert.match(text, /apk add --no-cache ca-certificates wget && \\\n {4}apk add --no-cache gcompat\nCOPY/);
    assert.doesNotMatch(text, /sgerrand\.com|alpine-pkg-glibc|GLIBC_VERSION|allow-untrusted/);
    const second = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      second.diagnostics.map((d) => d.code),
      ['MC1001'],
    );

    const baseActions = await codeActions(client, uri, second.diagnostics[0]);
    assert.deepEqual(
      baseActions.filter((a) => a.kind === CodeActionKind.QuickFix).map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Use alpine:3.18 and install gcompat', true],
        ['Use gcr.io/distroless/cc-debian13 (glibc and libgcc, no shell)', false],
        ['Use debian:13-slim (glibc, with apt)', false],
        ['Suppress MC1001 for this instruction', false],
      ],
    );
    text = await applyAction(client, uri, text, 3, baseActions[0]);
    assert.match(text, /FROM alpine:3.18 AS runtime\nRUN apk add --no-cache gcompat\n/);
    const cleared = await client.diagnostics(uri, (p) => p.version === 3);
    assert.deepEqual(cleared.diagnostics, []);
    const clearedHints = await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
    });
    assert.deepEqual(
      clearedHints!.map((h) => h.label),
      ['musl', 'musl'],
    );

    // A Containerfile in plain text mode is checked by its name; a settings change re-checks it.
    const other = 'file:///work/project/Containerfile';
    await client.open(other, fixture('top-base-image.Dockerfile'), 'plaintext');
    const before = await client.diagnostics(other);
    assert.deepEqual(
      before.diagnostics.map((d) => [d.code, d.severity]),
      [['MC1001', DiagnosticSeverity.Warning]],
    );
    assert.ok(client.configurationRequests.some((item) => item.scopeUri === other && item.section === 'muslcheck'));
    settings = { severity: { MC1001: 'error' } };
    const mark = client.published.length;
    await client.settingsChanged();
    const after = await client.diagnostics(other, () => true, mark);
    assert.deepEqual(
      after.diagnostics.map((d) => [d.code, d.severity]),
      [['MC1001', DiagnosticSeverity.Error]],
    );

    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr, '');
  });

  it('counts UTF-8 bytes when the client offers UTF-8, on lines with Chinese and emoji', async () => {
    client = await TestClient.start({
      capabilities: { ...EDITOR_CAPABILITIES, general: { positionEncodings: ['utf-8', 'utf-16'] } },
    });
    assert.equal(client.initializeResult.capabilities.positionEncoding, 'utf-8');
    const uri = 'file:///tmp/unicode/Dockerfile';
    let text = fixture('unicode.Dockerfile');
    const lines = text.split('\n');
    await client.open(uri, text);
    const { diagnostics } = await client.diagnostics(uri);
    const key = diagnostics.find((d) => d.code === 'MC1003')!;
    const keyStart = lines[3].indexOf('https://alpine-pkgs');
    assert.ok(utf8Column(lines[3], keyStart) > keyStart, 'the line has multi-byte characters before the finding');
    assert.deepEqual(key.range, {
      start: { line: 3, character: utf8Column(lines[3], keyStart) },
      end: { line: 3, character: utf8Column(lines[3], lines[3].indexOf(' && \\')) },
    });

    // An edit in UTF-8 positions after the emoji on the LABEL line lands where it should.
    const labelEnd = utf8Column(lines[2], lines[2].length);
    await client.change(uri, 2, [
      { range: { start: { line: 2, character: labelEnd }, end: { line: 2, character: labelEnd } }, text: ' version="1 ✅"' },
    ]);
    text = applyClientEdits(
      text,
      [{ range: { start: { line: 2, character: labelEnd }, end: { line: 2, character: labelEnd } }, newText: ' version="1 ✅"' }],
      'utf-8',
    );
    assert.match(text.split('\n')[2], /镜像" version="1 ✅"$/);
    const edited = await client.diagnostics(uri, (p) => p.version === 2);
    assert.deepEqual(
      edited.diagnostics.map((d) => d.range),
      diagnostics.map((d) => d.range),
    );

    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 3, character: key.range.start.character + 1 },
    });
    assert.match((hover!.contents as MarkupContent).value, /\*\*MC1003\*\*/);
    assert.deepEqual(hover!.range, key.range);
    const beforeKey = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 3, character: keyStart },
    });
    assert.equal(beforeKey, null, 'the UTF-16 column of the key is still before it in UTF-8');

    const [fix] = await codeActions(
      client,
      uri,
      edited.diagnostics.find((d) => d.code === 'MC1003')!,
    );
    text = applyClientEdits(text, editsFor(fix.edit, uri), 'utf-8');
    assert.equal(
      text,
      '# 构建镜像：在 Alpine 上安装 glibc（不推荐）\nFROM alpine:3.20\nLABEL description="服务 🚀 镜像" version="1 ✅"\nRUN echo "准备 🚀" && \\\n    apk add --no-cache gcompat\n',
    );
    await client.change(uri, 3, [{ text }]);
    assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 3)).diagnostics, []);
    assert.equal(await client.stop(), 0);
  });

  it('serves pull diagnostics and asks the client to pull again when settings change', async () => {
    let settings: Record<string, unknown> = {};
    client = await TestClient.start({
      capabilities: {
        ...EDITOR_CAPABILITIES,
        textDocument: { ...EDITOR_CAPABILITIES.textDocument, diagnostic: { relatedDocumentSupport: false } },
        workspace: { ...EDITOR_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
      },
      configuration: () => settings,
    });
    assert.deepEqual(client.initializeResult.capabilities.diagnosticProvider, {
      identifier: 'muslcheck',
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
    const uri = 'file:///tmp/pull/app.dockerfile';
    await client.open(uri, fixture('glibc-install.Dockerfile'), 'plaintext');
    const pull = async (): Promise<Diagnostic[]> =>
      ((await client!.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as FullDocumentDiagnosticReport)
        .items;
    assert.deepEqual(
      (await pull()).map((d) => d.code),
      ['MC1003', 'MC1004', 'MC1006', 'MC1002', 'MC1001'],
    );
    settings = { rules: ['MC1001'], severity: { 'alpine-glibc-base-image': 'info' } };
    await client.settingsChanged();
    await client.serverRequest('workspace/diagnostic/refresh');
    assert.deepEqual(
      (await pull()).map((d) => [d.code, d.severity]),
      [['MC1001', DiagnosticSeverity.Information]],
    );
    settings = { enable: false };
    await client.settingsChanged();
    assert.deepEqual(await pull(), []);
    assert.equal(await client.stop(), 0);
  });

  it('uses defaults and pushed settings for a client without workspace/configuration', async () => {
    client = await TestClient.start({ capabilities: {}, initializationOptions: { muslcheck: { severity: { MC1001: 'error' } } } });
    const uri = 'untitled:Untitled-1';
    await client.open(uri, fixture('top-base-image.Dockerfile'));
    const first = await client.diagnostics(uri);
    assert.equal(first.diagnostics[0].severity, DiagnosticSeverity.Error);
    const mark = client.published.length;
    await client.settingsChanged({ muslcheck: { severity: { MC1001: 'ignore' } } });
    assert.deepEqual((await client.diagnostics(uri, () => true, mark)).diagnostics, []);
    assert.equal(client.serverRequests.length, 0, 'the server sent no request the client cannot answer');
    // Without Markdown support, hovers are plain text.
    await client.settingsChanged({ muslcheck: {} });
    await client.diagnostics(uri, (p) => p.diagnostics.length > 0, mark);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.equal((hover!.contents as MarkupContent).kind, 'plaintext');
    assert.doesNotMatch((hover!.contents as MarkupContent).value, /\*\*|\]\(/);
    assert.equal(await client.stop(), 0);
  });

  it('takes settings per workspace folder, and checks files outside any folder and untitled buffers', async () => {
    client = await TestClient.start({
      capabilities: EDITOR_CAPABILITIES,
      workspaceFolders: [
        { uri: 'file:///work/strict', name: 'strict' },
        { uri: 'file:///work/relaxed', name: 'relaxed' },
      ],
      configuration: (item) =>
        item.scopeUri?.startsWith('file:///work/strict/')
          ? { severity: { MC1001: 'error' } }
          : item.scopeUri?.startsWith('file:///work/relaxed/')
            ? { severity: { MC1001: 'ignore' } }
            : {},
    });
    const text = fixture('top-base-image.Dockerfile');
    const severities = async (uri: string, languageId = 'dockerfile'): Promise<(DiagnosticSeverity | undefined)[]> => {
      await client!.open(uri, text, languageId);
      // Empty results are never published for a document that had none: check with a pull-free hover.
      if (uri.includes('relaxed')) {
        const hover = await client!.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: { line: 0, character: 10 },
        });
        assert.doesNotMatch((hover!.contents as MarkupContent).value, /MC1001/);
        return [];
      }
      return (await client!.diagnostics(uri)).diagnostics.map((d) => d.severity);
    };
    assert.deepEqual(await severities('file:///work/strict/Dockerfile'), [DiagnosticSeverity.Error]);
    assert.deepEqual(await severities('file:///work/relaxed/Dockerfile'), []);
    assert.deepEqual(await severities('file:///elsewhere/build.containerfile', 'plaintext'), [DiagnosticSeverity.Warning]);
    assert.deepEqual(await severities('untitled:Untitled-2'), [DiagnosticSeverity.Warning]);

    // Not a Dockerfile: no diagnostics, no hover.
    await client.open('file:///work/strict/notes.md', text, 'markdown');
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: 'file:///work/strict/notes.md' },
      position: { line: 0, character: 10 },
    });
    assert.equal(hover, null);
    assert.ok(!client.published.some((p) => p.uri.endsWith('notes.md')));
    assert.equal(await client.stop(), 0);
  });

  it('publishes only the newest of edits that arrive together, however cheap the document', async () => {
    client = await TestClient.start({ capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } } });
    const uri = 'file:///tmp/together/Dockerfile';
    await client.open(uri, 'FROM frolvlad/alpine-glibc\n');
    await client.diagnostics(uri, (p) => p.version === 1);
    const frame = (version: number, text: string): string => {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        method: 'textDocument/didChange',
        params: { textDocument: { uri, version }, contentChanges: [{ text }] },
      });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    // One write: the server reads both edits before it analyses either.
    client.process.stdin!.write(frame(2, 'FROM frolvlad/alpine-glibc\nRUN apk add glibc\n') + frame(3, 'FROM alpine:3.20\n'));
    const last = await client.diagnostics(uri, (p) => p.version === 3);
    await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 0 } });
    assert.deepEqual(
      client.published.filter((p) => p.uri === uri).map((p) => p.version),
      [1, 3],
      'version 2 was replaced before its analysis ran',
    );
    assert.deepEqual(last.diagnostics, []);
    assert.equal(await client.stop(), 0);
  });

  it('answers a failing request with a JSON-RPC error and keeps serving', async () => {
    client = await TestClient.start({ capabilities: EDITOR_CAPABILITIES });
    const uri = 'file:///tmp/errors/Dockerfile';
    await client.open(uri, fixture('top-base-image.Dockerfile'));
    await assert.rejects(
      client.connection.sendRequest(HoverRequest.type, { textDocument: { uri } } as never),
      (error: { code: number; message: string }) => error.code === -32603 && /textDocument\/hover/.test(error.message),
    );
    await assert.rejects(client.connection.sendRequest('muslcheck/unknown', {}), (error: { code: number }) => error.code === -32601);
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 10 } });
    assert.match((hover!.contents as MarkupContent).value, /MC1001/);
    // Requests on documents the client never opened are empty, not errors.
    assert.equal(
      await client.connection.sendRequest(HoverRequest.type, {
        textDocument: { uri: 'file:///nowhere/Dockerfile' },
        position: { line: 0, character: 0 },
      }),
      null,
    );
    assert.equal(await client.stop(), 0);
  });
});
