// End-to-end: the other two transports, and .muslcheck.yaml files read for documents on
// disk and read again when the client reports that they changed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  HoverRequest,
  type MarkupContent,
} from 'vscode-languageserver-protocol/node';
import { fixture } from '../helpers';
import { TestClient, type Transport } from './client';

describe('language server transports and configuration files', function () {
  let client: TestClient | undefined;
  afterEach(() => client?.kill());

  for (const transport of ['node-ipc', 'socket'] as Transport[]) {
    it(`serves over --${transport === 'socket' ? 'socket=PORT' : transport} and writes nothing to stdout`, async () => {
      client = await TestClient.start({ capabilities: {} }, transport);
      const uri = 'file:///tmp/transport/Dockerfile';
      await client.open(uri, fixture('top-base-image.Dockerfile'));
      assert.deepEqual(
        (await client.diagnostics(uri)).diagnostics.map((d) => d.code),
        ['MC1001'],
      );
      const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 0, character: 1 } });
      assert.match((hover!.contents as MarkupContent).value, /Stage 0/);
      assert.equal(await client.stop(), 0);
      assert.equal(client.stdout, '');
    });
  }

  it('reads the nearest .muslcheck.yaml under the editor settings, and again when it changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'muslcheck-lsp-config-'));
    try {
      mkdirSync(join(root, '.git'));
      mkdirSync(join(root, 'images'));
      const config = join(root, '.muslcheck.yaml');
      writeFileSync(config, 'ignored:\n  - MC1006\noverride:\n  error:\n    - MC1001\n    - MC1003\n');
      const uri = pathToFileURL(join(root, 'images', 'Dockerfile')).href;
      client = await TestClient.start({
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
        workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'project' }],
        configuration: () => ({ severity: { MC1003: 'info' } }),
      });
      await client.open(uri, fixture('glibc-install.Dockerfile'));
      const first = await client.diagnostics(uri);
      assert.deepEqual(
        first.diagnostics.map((d) => [d.code, d.severity]),
        [
          ['MC1003', DiagnosticSeverity.Information],
          ['MC1004', DiagnosticSeverity.Warning],
          ['MC1002', DiagnosticSeverity.Warning],
          ['MC1001', DiagnosticSeverity.Error],
        ],
      );
      await client.serverRequest('client/registerCapability');

      writeFileSync(config, 'ignored: [MC1002]\n');
      let mark = client.published.length;
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(config).href, type: FileChangeType.Changed }],
      });
      // A document may be published again with unchanged settings before the change is read
      // (the build context is read after each analysis), so wait for the publish that differs.
      const second = await client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'MC1002'), mark);
      assert.deepEqual(
        second.diagnostics.map((d) => d.code),
        ['MC1003', 'MC1004', 'MC1006', 'MC1001'],
      );

      // A broken file is shown once and ignored: the defaults apply.
      writeFileSync(config, 'ignored: 5\n');
      mark = client.published.length;
      await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
        changes: [{ uri: pathToFileURL(config).href, type: FileChangeType.Changed }],
      });
      assert.match(await client.message(/\.muslcheck\.yaml:1:\d+: .*\(the file is ignored\)/), /ignored/);
      const third = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'MC1002'), mark);
      assert.deepEqual(
        third.diagnostics.map((d) => d.code),
        ['MC1003', 'MC1004', 'MC1006', 'MC1002', 'MC1001'],
      );
      assert.equal(await client.stop(), 0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
