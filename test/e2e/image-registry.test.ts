// `muslcheck image REFERENCE`: an image the test builds and pushes to Debian's distribution
// registry on loopback, read back through the registry client with its layers streamed.
// The registry is a real program, hence in test/e2e: missing, the tests skip with one line,
// or fail under MUSLCHECK_TEST_STRICT=1 (scripts/ci/setup-registry.sh installs it).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuild, runMuslcheck, type RunResult } from '../cli/helpers';
import { compile, requireTool } from '../elf/toolchain';
import { buildImage, type BuiltImage, type LayerSpec } from '../image/build-image';
import { DOCKER_REGISTRY } from '../registry/backends';
import { pushBlob, pushIndex, pushManifest, tempDir, type Registry } from '../registry/fixtures';

const ALPINE: LayerSpec = {
  createdBy: '/bin/sh -c #(nop) ADD file:0a1b2c in / ',
  files: [
    { name: 'etc/alpine-release', content: '3.20.3\n' },
    { name: 'lib/ld-musl-x86_64.so.1', content: 'musl loader stand-in' },
  ],
  gzip: true,
};

async function push(registry: Registry, repo: string, tag: string, image: BuiltImage): Promise<void> {
  for (const layer of image.layers) await pushBlob(registry.url, repo, layer.stored);
  await pushBlob(registry.url, repo, image.config);
  await pushManifest(registry.url, repo, tag, 'application/vnd.oci.image.manifest.v1+json', image.manifest);
}

describe('muslcheck image with a registry reference', function () {
  this.timeout(60000);
  const work = tempDir('muslcheck-image-registry-');
  let registry: Registry | undefined;
  let glibc: Buffer;
  let musl: Buffer;

  before(async function () {
    requireBuild();
    requireTool(this, 'gcc');
    requireTool(this, 'musl-gcc');
    glibc = readFileSync(compile('gcc', [], work.dir, 'glibc-app'));
    musl = readFileSync(compile('musl-gcc', [], work.dir, 'musl-app'));
    registry = await DOCKER_REGISTRY.start(this, work.dir);
  });
  after(async () => {
    await registry?.stop();
    work.remove();
  });

  let seq = 0;
  function scan(...args: string[]): RunResult {
    return runMuslcheck(['image', ...args], {
      cwd: work.dir,
      env: { XDG_CACHE_HOME: join(work.dir, `cache-${seq++}`), DOCKER_CONFIG: join(work.dir, 'no-docker') },
    });
  }

  it('streams the layers of a pushed image and reports the glibc program', async function () {
    const image = buildImage({
      layers: [ALPINE, { createdBy: 'COPY app /usr/bin/app # buildkit', files: [{ name: 'usr/bin/app', content: glibc }], gzip: true }],
    });
    await push(registry!, 'team/app', 'v1', image);
    const ref = `${registry!.authority}/team/app:v1`;
    const result = scan(ref);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      new RegExp(`^${ref.replace(/[.]/g, '\\.')}:1:1: warning \\[MC2005\\] \`/usr/bin/app\` is linked against glibc`),
    );
    assert.match(
      result.stdout,
      new RegExp(`layer 2 \\(${image.layers[1].digest.slice(7, 19)}, made by \`COPY app /usr/bin/app # buildkit\`\\)`),
    );
    assert.equal(result.stderr, '');
  });

  it('picks the platform of a multi-platform index', async function () {
    const amd64 = buildImage({ layers: [ALPINE, { createdBy: 'COPY app /app', files: [{ name: 'app', content: musl }] }] });
    const arm64 = buildImage({
      layers: [ALPINE, { createdBy: 'COPY app /app', files: [{ name: 'app', content: glibc }] }],
      architecture: 'arm64',
    });
    await push(registry!, 'team/multi', amd64.manifestDigest, amd64);
    await push(registry!, 'team/multi', arm64.manifestDigest, arm64);
    const pushed = (image: BuiltImage) => ({
      digest: image.manifestDigest,
      size: image.manifest.length,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
    });
    await pushIndex(registry!.url, 'team/multi', 'latest', [
      { pushed: pushed(amd64), platform: { os: 'linux', architecture: 'amd64' } },
      { pushed: pushed(arm64), platform: { os: 'linux', architecture: 'arm64' } },
    ]);
    const ref = `${registry!.authority}/team/multi:latest`;
    assert.equal(scan(ref).status, 0, 'the amd64 image has a musl program on musl');
    const arm = scan('--platform', 'linux/arm64', ref);
    assert.equal(arm.status, 1);
    // The x86-64 glibc program in the arm64 image: the machine is wrong before the libc is.
    assert.match(arm.stdout, /`\/app` is an x86-64 file in an image for linux\/arm64: it fails with "exec format error"/);
  });

  it('says why a reference cannot be read: unknown tag, offline', async function () {
    const missing = scan(`${registry!.authority}/team/none:v1`);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /not a file or folder, and as an image reference: .*not found in 127\.0\.0\.1/);
    const image = buildImage({ layers: [ALPINE] });
    await push(registry!, 'team/offline', 'v1', image);
    const offline = scan('--offline', `${registry!.authority}/team/offline:v1`);
    assert.equal(offline.status, 2);
    assert.match(offline.stderr, /offline/);
  });
});
