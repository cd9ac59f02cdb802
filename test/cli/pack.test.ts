// The published package: `npm pack` the server, install the tarball into an empty folder
// and run `npx muslcheck` there. The tarball must hold what the command needs and no
// sources, tests or build leftovers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuild } from './helpers';

const REPO = join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function run(command: string, args: string[], cwd: string, input?: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', input, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.error) throw result.error;
  return result;
}

describe('npm package', function () {
  this.timeout(300000);
  let work: string;
  let files: string[];
  let tarball: string;

  before(() => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'muslcheck-pack-'));
    const packed = run(NPM, ['pack', './server', '--pack-destination', work, '--json', '--ignore-scripts'], REPO);
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout);
    files = info.files.map((f: { path: string }) => f.path);
    tarball = join(work, info.filename);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('holds the bin, its bundles and their code caches, the compiled code, types and the grammar', () => {
    for (const needed of [
      'package.json',
      'bin/muslcheck.js',
      'bin/load-bundle.js',
      'out/bundle/cli.js.cache',
      'out/bundle/server.js.cache',
      'out/cli/main.js',
      'out/bundle/cli.js',
      'out/bundle/server.js',
      'out/bundle/analysis-worker.js',
      'out/bundle/analysis-service.js',
      'out/bundle/analysis-service.js.cache',
      'out/bundle/web-tree-sitter.wasm',
      'out/index.js',
      'out/index.d.ts',
      'out/grammars/tree-sitter-bash.wasm',
    ]) {
      assert.ok(files.includes(needed), `missing ${needed}`);
    }
  });

  it('holds no sources, tests, configs or build leftovers', () => {
    const unwanted = files.filter(
      (f) =>
        f.startsWith('src/') ||
        /(^|\/)test(s)?\//.test(f) ||
        /\.test\.|\.spec\./.test(f) ||
        (f.endsWith('.ts') && !f.endsWith('.d.ts')) ||
        /tsconfig|\.tsbuildinfo$|\.map$|eslint|prettier|mocharc/.test(f),
    );
    assert.deepEqual(unwanted, []);
  });

  it('installs into an empty folder and runs with npx', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    writeFileSync(join(app, 'Dockerfile'), 'FROM frolvlad/alpine-glibc:alpine-3.17\n');
    const install = run(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', tarball], app);
    assert.equal(install.status, 0, install.stderr);
    const version = run(NPX, ['--no-install', 'muslcheck', '--version'], app);
    assert.equal(version.stdout.trim(), JSON.parse(readFileSync(join(REPO, 'server', 'package.json'), 'utf8')).version);
    const check = run(NPX, ['--no-install', 'muslcheck', '-f', 'gnu', 'Dockerfile'], app);
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^Dockerfile:1\.6: warning: .*\[MC1001\]$/m);
    const stdin = run(NPX, ['--no-install', 'muslcheck', '-'], app, 'FROM alpine:3.20\n');
    assert.equal(stdin.status, 0, stdin.stdout + stdin.stderr);
  });
});
