// Finding configuration files on disk: nearest folder first, stop at the repository root,
// then the user configuration folder; bad files give file:line errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clearConfigCache, loadConfigFile, loadConfigFor, userConfigFolder } from '../../server/src/node/config-files';
import { requireProgram } from '../support/programs';

describe('node/config-files', () => {
  let root: string;
  let xdg: string;
  const env = () => ({ XDG_CONFIG_HOME: xdg, HOME: '/nonexistent' });

  beforeEach(() => {
    clearConfigCache();
    root = mkdtempSync(join(tmpdir(), 'muslcheck-config-'));
    xdg = join(root, 'xdg');
    mkdirSync(join(root, 'repo', '.git'), { recursive: true });
    mkdirSync(join(root, 'repo', 'services', 'api'), { recursive: true });
    mkdirSync(join(xdg, 'muslcheck'), { recursive: true });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('uses the nearest configuration above the file', async () => {
    writeFileSync(join(root, 'repo', '.muslcheck.yaml'), 'ignored: [MC1001]\n');
    writeFileSync(join(root, 'repo', 'services', '.muslcheck.json'), '{"ignored": ["MC1002"]}');
    const loaded = await loadConfigFor(join(root, 'repo', 'services', 'api', 'Dockerfile'), { env: env() });
    assert.ok(!('error' in loaded));
    assert.equal(loaded.source, join(root, 'repo', 'services', '.muslcheck.json'));
    assert.deepEqual(loaded.config.ignored, ['MC1002']);
    const top = await loadConfigFor(join(root, 'repo', 'Dockerfile'), { env: env() });
    assert.ok(!('error' in top));
    assert.equal(top.source, join(root, 'repo', '.muslcheck.yaml'));
  });

  it('prefers .yaml over .yml over .json in one folder', async () => {
    writeFileSync(join(root, 'repo', '.muslcheck.json'), '{}');
    writeFileSync(join(root, 'repo', '.muslcheck.yml'), '{}');
    const loaded = await loadConfigFor(join(root, 'repo', 'Dockerfile'), { env: env() });
    assert.ok(!('error' in loaded));
    assert.equal(loaded.source, join(root, 'repo', '.muslcheck.yml'));
  });

  it('stops at the repository root and then reads the user configuration', async () => {
    // Above the repository: must not be read.
    writeFileSync(join(root, '.muslcheck.yaml'), 'ignored: [MC1003]\n');
    writeFileSync(join(xdg, 'muslcheck', 'config.yaml'), 'ignored: [MC1004]\n');
    const loaded = await loadConfigFor(join(root, 'repo', 'services', 'api', 'Dockerfile'), { env: env() });
    assert.ok(!('error' in loaded));
    assert.equal(loaded.source, join(xdg, 'muslcheck', 'config.yaml'));
    assert.deepEqual(loaded.config.ignored, ['MC1004']);
  });

  it('returns the defaults when no file exists', async () => {
    const loaded = await loadConfigFor(join(root, 'repo', 'Dockerfile'), { env: env() });
    assert.ok(!('error' in loaded));
    assert.equal(loaded.source, null);
    assert.deepEqual(loaded.layer, {});
  });

  it('reports a bad file with its path, line and column', async () => {
    const file = join(root, 'repo', '.muslcheck.yaml');
    writeFileSync(file, 'ignored: [MC1001]\noverride:\n  fatal: [MC1002]\n');
    const loaded = await loadConfigFor(join(root, 'repo', 'Dockerfile'), { env: env() });
    assert.ok('error' in loaded);
    assert.deepEqual(
      { ...loaded.error, message: loaded.error.message.split(';')[0] },
      { file, line: 3, column: 3, message: "override: unknown key 'fatal'" },
    );
  });

  it('caches per folder until cleared', async () => {
    const file = join(root, 'repo', '.muslcheck.yaml');
    writeFileSync(file, 'ignored: [MC1001]\n');
    const first = await loadConfigFor(join(root, 'repo', 'Dockerfile'), { env: env() });
    writeFileSync(file, 'ignored: [MC1002]\n');
    assert.equal(await loadConfigFor(join(root, 'repo', 'Dockerfile.dev'), { env: env() }), first);
    clearConfigCache();
    const again = await loadConfigFor(join(root, 'repo', 'Dockerfile'), { env: env() });
    assert.ok(!('error' in again));
    assert.deepEqual(again.config.ignored, ['MC1002']);
  });

  it('refuses a FIFO instead of blocking on it, and a missing or non-UTF-8 file', async function () {
    const fifo = join(root, 'fifo.yaml');
    execFileSync(requireProgram(this, 'mkfifo', 'apt-get install coreutils'), [fifo]);
    const fromFifo = await loadConfigFile(fifo);
    assert.ok('error' in fromFifo);
    assert.match(fromFifo.error.message, /not a regular file/);
    const missing = await loadConfigFile(join(root, 'missing.yaml'));
    assert.ok('error' in missing);
    assert.match(missing.error.message, /no such file/);
    writeFileSync(join(root, 'latin1.yaml'), Buffer.from([0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x3a, 0x20, 0xe9, 0x0a]));
    const latin1 = await loadConfigFile(join(root, 'latin1.yaml'));
    assert.ok('error' in latin1);
    assert.match(latin1.error.message, /UTF-8/);
  });

  it('follows XDG_CONFIG_HOME only when it is absolute', () => {
    assert.equal(userConfigFolder({ XDG_CONFIG_HOME: '/x', HOME: '/h' }), '/x/muslcheck');
    assert.equal(userConfigFolder({ XDG_CONFIG_HOME: 'relative', HOME: '/h' }), '/h/.config/muslcheck');
  });
});
