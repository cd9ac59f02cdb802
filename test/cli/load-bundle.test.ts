// The bin's bundle loader and the code cache the build writes: each check loads in a new
// Node process, since V8 only reads a code cache when it compiles a script for the first time.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeProject, requireBuild, runMuslcheck } from './helpers';

const LOADER = join(__dirname, '..', '..', 'server', 'bin', 'load-bundle.js');
const BUNDLES = join(__dirname, '..', '..', 'server', 'out', 'bundle');

interface Loaded {
  cache: string;
  value: unknown;
}

/** Loads `name` from `folder` in a new process; `read` is evaluated on the exports. */
function loadInNewProcess(name: string, folder: string, read = 'null', writeCache = false): Loaded {
  const script = `
    const { loadBundle } = require(${JSON.stringify(LOADER)});
    const bundle = loadBundle(${JSON.stringify(name)}, ${JSON.stringify(folder)});
    const value = ((exports) => ${read})(bundle.exports);
    if (${writeCache}) bundle.writeCache();
    process.stdout.write(JSON.stringify({ cache: bundle.cache, value }));`;
  // V8 refuses a cache made under other flags: the build ran without NODE_OPTIONS.
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as Loaded;
}

describe('bundle loader and code cache', function () {
  this.timeout(60000);

  it('takes the caches the build wrote for both bundles', () => {
    requireBuild();
    assert.deepEqual(loadInNewProcess('cli', BUNDLES, 'typeof exports.runCli'), { cache: 'used', value: 'function' });
    assert.deepEqual(loadInNewProcess('server', BUNDLES, 'typeof exports.startServer'), { cache: 'used', value: 'function' });
  });

  it('leaves standard error empty on a clean run, so Node takes the V8 flags the loader sets', () => {
    requireBuild();
    const project = makeProject({ Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n' });
    try {
      const result = runMuslcheck(['Dockerfile'], { cwd: project });
      assert.deepEqual({ status: result.status, stderr: result.stderr }, { status: 0, stderr: '' });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });

  describe('with a bundle of its own', () => {
    let folder: string;
    const source = (answer: number) => `exports.answer = () => ${answer};\nexports.file = __filename;\n`;
    const bundle = () => join(folder, 'sample.js');
    const cache = () => join(folder, 'sample.js.cache');

    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'muslcheck-bundle-'));
      writeFileSync(bundle(), source(41));
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    it('runs a bundle without a cache as a CommonJS module', () => {
      assert.deepEqual(loadInNewProcess('sample', folder, '[exports.answer(), exports.file]'), { cache: 'none', value: [41, bundle()] });
    });

    it('uses a cache it wrote, in the next process', () => {
      assert.equal(loadInNewProcess('sample', folder, 'exports.answer()', true).cache, 'none');
      assert.deepEqual(loadInNewProcess('sample', folder, 'exports.answer()'), { cache: 'used', value: 41 });
    });

    it('ignores the cache of a bundle rebuilt to the same length, and runs the new code', () => {
      loadInNewProcess('sample', folder, 'exports.answer()', true);
      writeFileSync(bundle(), source(42));
      assert.deepEqual(loadInNewProcess('sample', folder, 'exports.answer()'), { cache: 'stale', value: 42 });
    });

    it('compiles afresh when V8 refuses the cached code', () => {
      loadInNewProcess('sample', folder, 'exports.answer()', true);
      const written = readFileSync(cache());
      // The digest still matches; what follows it is not V8's.
      writeFileSync(cache(), Buffer.concat([written.subarray(0, 32), Buffer.alloc(written.length - 32, 7)]));
      assert.deepEqual(loadInNewProcess('sample', folder, 'exports.answer()'), { cache: 'rejected', value: 41 });
    });

    it('treats a truncated cache file as no cache', () => {
      writeFileSync(cache(), Buffer.alloc(10));
      assert.deepEqual(loadInNewProcess('sample', folder, 'exports.answer()'), { cache: 'none', value: 41 });
    });

    it('gives the bundle a require that resolves from its own folder', () => {
      writeFileSync(join(folder, 'helper.js'), 'module.exports = 7;\n');
      writeFileSync(bundle(), "exports.answer = () => require('./helper') * 6;\n");
      assert.deepEqual(loadInNewProcess('sample', folder, 'exports.answer()'), { cache: 'none', value: 42 });
    });
  });
});
