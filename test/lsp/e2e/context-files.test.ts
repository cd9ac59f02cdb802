// End-to-end: the built `muslcheck --stdio` reads the build context of an open Dockerfile
// after publishing its text diagnostics, publishes MC2003 when a copied file is a glibc
// program, and reads again when the file changes on disk.
import assert from 'node:assert/strict';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { compile, requireTool, scratchFolder } from '../../elf/toolchain';
import { TestClient } from './client';

describe('language server: build-context binaries', function () {
  let client: TestClient | undefined;
  afterEach(() => client?.kill());

  it('publishes text diagnostics first, then MC2003, and drops it when the file becomes static', async function () {
    requireTool(this, 'gcc');
    const root = scratchFolder('lsp-context');
    const build = scratchFolder('lsp-build');
    const dynamic = compile('gcc', [], build, 'dynamic');
    const fixed = compile('gcc', ['-static'], build, 'static');
    copyFileSync(dynamic, join(root, 'server'));
    const dockerfile = join(root, 'Dockerfile');
    const text = 'FROM alpine:3.20\nRUN apk add --allow-untrusted ./x.apk\nCOPY server /usr/local/bin/server\n';
    writeFileSync(dockerfile, text);
    const uri = pathToFileURL(dockerfile).href;
    client = await TestClient.start({
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true } } },
      configuration: () => ({}),
    });
    await client.open(uri, text);
    const first = await client.diagnostics(uri);
    assert.deepEqual(
      first.diagnostics.map((d) => d.code),
      ['MC1006'],
      'the text diagnostics come first, without waiting for the files',
    );
    const withFiles = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'MC2003'));
    const finding = withFiles.diagnostics.find((d) => d.code === 'MC2003')!;
    assert.equal(finding.range.start.line, 2);
    assert.match(
      String(finding.message),
      /^`server` from the build context is linked against glibc \(interpreter \/lib64\/ld-linux-x86-64\.so\.2/,
    );

    const count = client.published.length;
    rmSync(join(root, 'server'));
    copyFileSync(fixed, join(root, 'server'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [{ uri: pathToFileURL(join(root, 'server')).href, type: FileChangeType.Changed }],
    });
    const after = await client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'MC2003'), count);
    assert.deepEqual(
      after.diagnostics.map((d) => d.code),
      ['MC1006'],
    );
  });
});
