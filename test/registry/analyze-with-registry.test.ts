// The registry lookup wired to the analyzer: an unknown base whose history installs
// sgerrand glibc makes MC1001 fire with the layer as evidence; a clean one does not; a
// failed lookup leaves the stage unknown and says why.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { initAnalyzerForNode } from '../../server/src/node/init';
import { analyzeWithRegistry, analyzerJudge } from '../../server/src/node/image-resolution';
import { pushImage, startRegistry, tempDir, type Registry } from './fixtures';

const GLIBC_HISTORY = [
  { created_by: '/bin/sh -c #(nop) ADD file:5d67 in / ' },
  { created_by: 'RUN /bin/sh -c apk add --no-cache curl # buildkit' },
  {
    created_by:
      'RUN /bin/sh -c curl -sLO https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk # buildkit',
  },
  { created_by: 'RUN /bin/sh -c apk add --no-cache --force-overwrite glibc-2.35-r1.apk # buildkit' },
];
const CLEAN_HISTORY = [
  { created_by: '/bin/sh -c #(nop) ADD file:5d67 in / ' },
  { created_by: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit' },
];

describe('analyzeWithRegistry (loopback docker-registry)', function () {
  this.timeout(30000);
  let registry: Registry;
  let work: { dir: string; remove(): void };
  let seq = 0;
  const fetchOptions = () => ({ cacheDir: path.join(work.dir, `cache-${seq++}`), dockerConfigPath: path.join(work.dir, 'none.json') });

  before(async function () {
    await initAnalyzerForNode();
    work = tempDir('muslcheck-analyze-registry-');
    registry = await startRegistry(work.dir);
    await pushImage(registry.url, 'mycorp/base', '1.4', { history: GLIBC_HISTORY });
    await pushImage(registry.url, 'mycorp/clean', '1.0', { history: CLEAN_HISTORY });
  });

  after(async function () {
    await registry?.stop();
    work?.remove();
  });

  it('reports MC1001 for an unknown base whose history installs glibc, naming the layer', async function () {
    const text = `FROM ${registry.authority}/mycorp/base:1.4\nRUN apk add --no-cache bash\n`;
    const result = await analyzeWithRegistry(text, {}, fetchOptions());
    const mc1001 = result.findings.filter((f) => f.code === 'MC1001');
    assert.equal(mc1001.length, 1);
    assert.match(
      mc1001[0].message,
      /\(layer 3 of .*mycorp\/base:1\.4 ran: curl -sLO https:\/\/github\.com\/sgerrand\/alpine-pkg-glibc\/\S+\)/,
    );
    assert.deepEqual([result.model.stages[0].libc, result.model.stages[0].glibcOnMusl], ['musl', true]);
  });

  it('judges a clean base musl and reports nothing', async function () {
    const text = `FROM ${registry.authority}/mycorp/clean:1.0\nRUN apk add --no-cache bash\n`;
    const result = await analyzeWithRegistry(text, {}, fetchOptions());
    assert.deepEqual(result.findings, []);
    assert.equal(result.model.stages[0].libc, 'musl');
    assert.match(result.model.stages[0].reason, /history in the registry shows a musl image/);
  });

  it('leaves the stage unknown with the reason when the lookup fails', async function () {
    const text = `FROM ${registry.authority}/mycorp/missing:9\n`;
    const result = await analyzeWithRegistry(text, {}, fetchOptions());
    assert.equal(result.model.stages[0].libc, 'unknown');
    assert.match(result.model.stages[0].reason, /registry lookup failed: /);
  });

  it('does not look up bases the knowledge base already knows', async function () {
    const result = await analyzeWithRegistry('FROM alpine:3.20\n', {}, { ...fetchOptions(), offline: true });
    assert.equal(result.model.stages[0].reason, 'alpine:3.20: official alpine image');
  });

  it('judges history text with the real rules', function () {
    const verdict = analyzerJudge('FROM history.invalid/base\nRUN apk add --no-cache glibc-2.35-r1.apk\n');
    assert.deepEqual(verdict, { glibcOnMusl: true, libc: 'musl', evidenceLine: 1, evidenceText: 'glibc-2.35-r1.apk' });
    assert.deepEqual(analyzerJudge('FROM history.invalid/base\nRUN apt-get install -y libc6\n'), { glibcOnMusl: false, libc: 'glibc' });
  });
});
