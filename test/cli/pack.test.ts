// The package as users get it: `npm pack` the server, then install the tarball globally
// (`npm install -g ./muslcheck-X.Y.Z.tgz`) into a temporary prefix and as a project's
// dependency, and run `muslcheck` from each. The install reads the tarball's dependencies
// from a loopback registry (npm-registry.ts) with an empty cache: nothing comes from the
// public registry. The tarball must hold what the command needs and no sources, tests or
// build leftovers.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { outputOf, requireBuild } from './helpers';
import { startNpmRegistry, type NpmRegistry } from './npm-registry';

const REPO = join(__dirname, '..', '..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

/** npm's environment without the caller's npm settings (a registry, a prefix, a cache). */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return env;
}

function run(command: string, args: string[], cwd: string, input?: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', input, env: npmEnv() });
  if (result.error) throw result.error;
  return result;
}

/** Like run, without blocking this process: npm talks to the registry this process serves. */
function runAsync(command: string, args: string[], cwd: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return outputOf(spawn(command, args, { cwd, env: npmEnv(), stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** npm install flags: the loopback registry only, an empty cache, no install scripts. */
const installFlags = (registry: NpmRegistry, cache: string) => [
  '--registry',
  registry.url,
  '--cache',
  cache,
  '--ignore-scripts',
  '--no-audit',
  '--no-fund',
];

describe('npm package', function () {
  this.timeout(300000);
  let work: string;
  let files: string[];
  let tarball: string;
  let registry: NpmRegistry;
  const version = JSON.parse(readFileSync(join(REPO, 'server', 'package.json'), 'utf8')).version as string;

  before(async () => {
    requireBuild();
    work = mkdtempSync(join(tmpdir(), 'muslcheck-pack-'));
    mkdirSync(join(work, 'deps'));
    registry = await startNpmRegistry(join(REPO, 'server'), join(work, 'deps'));
    const packed = run(NPM, ['pack', '--pack-destination', work, '--json', '--ignore-scripts'], join(REPO, 'server'));
    assert.equal(packed.status, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout);
    files = info.files.map((f: { path: string }) => f.path);
    tarball = join(work, info.filename);
  });
  after(async () => {
    await registry?.close();
    rmSync(work, { recursive: true, force: true });
  });

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
      'README.md',
      'LICENSE',
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

  it('names its repository, home page, issue tracker, licence and keywords', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'server', 'package.json'), 'utf8'));
    assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/.+\.git$/);
    assert.equal(pkg.repository.directory, 'server');
    assert.match(pkg.homepage, /^https:\/\//);
    assert.match(pkg.bugs.url, /^https:\/\/.+\/issues$/);
    assert.equal(pkg.license, 'MIT');
    assert.ok(pkg.keywords.includes('musl') && pkg.keywords.includes('dockerfile'));
    assert.equal(tarball, join(work, `muslcheck-${version}.tgz`));
  });

  it('installs globally with npm install -g ./muslcheck-X.Y.Z.tgz and checks files without the network', async () => {
    const prefix = join(work, 'global');
    const install = await runAsync(
      NPM,
      ['install', '-g', '--prefix', prefix, ...installFlags(registry, join(work, 'cache-g')), tarball],
      work,
    );
    assert.equal(install.status, 0, install.stderr);
    assert.ok(registry.requests.includes('yaml'), 'dependencies came from the loopback registry');
    const bin = process.platform === 'win32' ? join(prefix, 'muslcheck.cmd') : join(prefix, 'bin', 'muslcheck');
    const project = join(work, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'Dockerfile'), 'FROM frolvlad/alpine-glibc:alpine-3.17\n');
    assert.equal(run(bin, ['--version'], project).stdout, `${version}\n`);
    const check = run(bin, ['-f', 'gnu', 'Dockerfile'], project);
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /^Dockerfile:1\.6: warning: .*\[MC1001\]$/m);
  });

  it('installs as a dependency and runs with npx', async () => {
    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    writeFileSync(join(app, 'Dockerfile'), 'FROM frolvlad/alpine-glibc:alpine-3.17\n');
    const install = await runAsync(NPM, ['install', ...installFlags(registry, join(work, 'cache-app')), tarball], app);
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
