// No network by default: the real CLI and the real language server run with every socket
// and DNS call forbidden (no-network.cjs, preloaded with `node -r`) and still do their
// whole job. Only --resolve-images may reach out, which the positive control shows.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, LspClient, ROOT } from './lsp-client';

const PRELOAD = join(__dirname, 'no-network.cjs');
const MARKER = 'muslcheck-test: network access blocked:';
const SEEDS = join(ROOT, 'test', 'fuzz', 'seeds');

describe('security: no network by default', function () {
  this.timeout(60_000);
  let home: string;
  let env: NodeJS.ProcessEnv;

  before(() => {
    home = mkdtempSync(join(tmpdir(), 'muslcheck-no-network-'));
    // An empty home and cache: nothing cached from earlier runs can stand in for a lookup.
    env = { ...process.env, HOME: home, XDG_CACHE_HOME: join(home, 'cache'), XDG_CONFIG_HOME: join(home, 'config'), NO_COLOR: '1' };
  });
  after(() => rmSync(home, { recursive: true, force: true }));

  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ['-r', PRELOAD, BIN, ...args], { cwd: ROOT, env, input, encoding: 'utf8' });

  it('the preload blocks sockets, DNS, http(s) and fetch', () => {
    const script = `
      const attempts = [
        () => require('node:net').connect(443, '127.0.0.1'),
        () => require('node:net').createConnection({ port: 443 }),
        () => require('node:tls').connect(443, 'localhost'),
        () => require('node:dns').lookup('localhost', () => {}),
        () => require('node:dns').resolve4('localhost', () => {}),
        () => require('node:dns').promises.lookup('localhost'),
        () => require('node:http').request('http://localhost'),
        () => require('node:https').get('https://localhost'),
      ];
      let blocked = 0;
      for (const attempt of attempts) try { attempt(); } catch (e) { if (e.code === 'EMUSLCHECKNONETWORK') blocked++; }
      fetch('https://localhost').catch((e) => { if (e.code === 'EMUSLCHECKNONETWORK') blocked++; console.log(blocked); });`;
    const run = spawnSync(process.execPath, ['-r', PRELOAD, '-e', script], { encoding: 'utf8' });
    assert.equal(run.stdout.trim(), '9');
    assert.equal(run.stderr.split(MARKER).length - 1, 9);
  });

  it('the CLI checks every seed, in every format, without the network', () => {
    const text = cli([SEEDS]);
    assert.equal(text.status, 1, text.stderr);
    for (const code of ['MC1001', 'MC1002', 'MC1003', 'MC1004', 'MC1005', 'MC1006']) assert.match(text.stdout, new RegExp(`\\[${code}\\]`));
    assert.doesNotMatch(text.stderr, new RegExp(MARKER));
    for (const format of ['json']) {
      const run = cli(['--format', format, SEEDS]);
      assert.equal(run.status, 1, run.stderr);
      assert.ok(JSON.parse(run.stdout));
      assert.doesNotMatch(run.stderr, new RegExp(MARKER));
    }
  });

  it('the CLI fixes and reads standard input without the network', () => {
    const file = join(SEEDS, 'sgerrand-classic.Dockerfile');
    const diff = cli(['--fix-dry-run', file]);
    assert.match(diff.stdout, /\+.*apk add --no-cache gcompat/);
    assert.doesNotMatch(diff.stderr, new RegExp(MARKER));
    const stdin = cli(['--stdin-filename', 'Dockerfile', '-'], readFileSync(file, 'utf8'));
    assert.equal(stdin.status, 1, stdin.stderr);
    assert.match(stdin.stdout, /Dockerfile:6:\d+: .*\[MC1002\]/);
    assert.doesNotMatch(stdin.stderr, new RegExp(MARKER));
  });

  it('positive control: --resolve-images does try the network, and the preload sees it', () => {
    const run = cli(['--resolve-images', '--stdin-filename', 'Dockerfile', '-'], 'FROM registry.invalid/team/base:1\nRUN apk add curl\n');
    assert.match(run.stderr, new RegExp(MARKER));
  });

  describe('a cloned repository that asks for registry lookups', () => {
    let repo: string;
    const dockerfile = 'FROM registry.invalid/team/base:1\nRUN apk add --allow-untrusted /tmp/app.apk\n';
    before(() => {
      repo = mkdtempSync(join(tmpdir(), 'muslcheck-asking-repo-'));
      mkdirSync(join(repo, '.git'));
      writeFileSync(join(repo, '.muslcheck.yaml'), 'resolve-images: true\n');
      writeFileSync(join(repo, 'Dockerfile'), dockerfile);
    });
    after(() => rmSync(repo, { recursive: true, force: true }));

    it('gets no lookup from the CLI, which says so', () => {
      const run = cli([join(repo, 'Dockerfile')]);
      assert.equal(run.status, 1, run.stderr);
      assert.match(run.stdout, /\[MC1006\]/);
      assert.doesNotMatch(run.stderr, new RegExp(MARKER));
      assert.match(
        run.stderr,
        /\.muslcheck\.yaml: asks for registry lookups \(resolve-images: true\), which need your consent, so none were made/,
      );
    });

    it('gets no lookup from the language server in a trusted workspace, which says so', async () => {
      const client = new LspClient(['-r', PRELOAD]);
      try {
        await client.initialize();
        const uri = pathToFileURL(join(repo, 'Dockerfile')).href;
        const told = client.waitFor(
          (m) => m.method === 'window/showMessage' && /asks for registry lookups/.test(JSON.stringify(m.params)),
          'the notice',
          20_000,
        );
        const diagnostics = client.nextDiagnostics(uri);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: dockerfile } });
        await Promise.all([told, diagnostics]);
        assert.equal(await client.shutdown(), 0);
        assert.doesNotMatch(client.stderr, new RegExp(MARKER));
      } finally {
        client.kill();
      }
    });
  });

  it('the language server serves diagnostics, code actions and hover without the network', async () => {
    const client = new LspClient(['-r', PRELOAD]);
    try {
      const init = await client.initialize();
      assert.ok((init.result as { capabilities: object }).capabilities);
      const uri = pathToFileURL(join(SEEDS, 'sgerrand-classic.Dockerfile')).href;
      const text = readFileSync(join(SEEDS, 'sgerrand-classic.Dockerfile'), 'utf8');
      const diagnostics = client.nextDiagnostics(uri);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text } });
      const published = (await diagnostics).params as { diagnostics: { code: string; range: object }[] };
      const codes = published.diagnostics.map((d) => d.code);
      assert.ok(codes.includes('MC1002') && codes.includes('MC1003'), codes.join(', '));
      const mc1002 = published.diagnostics.find((d) => d.code === 'MC1002')!;
      const actions = await client.request('textDocument/codeAction', {
        textDocument: { uri },
        range: mc1002.range,
        context: { diagnostics: [mc1002] },
      });
      assert.ok(Array.isArray(actions.result) && actions.result.length > 0, JSON.stringify(actions));
      const hover = await client.request('textDocument/hover', {
        textDocument: { uri },
        position: (mc1002.range as { start: object }).start,
      });
      assert.equal(hover.error, undefined);
      assert.equal(await client.shutdown(), 0);
      assert.doesNotMatch(client.stderr, new RegExp(MARKER));
    } finally {
      client.kill();
    }
  });
});
