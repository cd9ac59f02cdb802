// Registry lookups against a registry on loopback (resolve.test.ts runs them against the
// in-process fake, test/e2e/registry.test.ts against the real docker-registry), with
// loopback servers in front of it for auth, counting, slowness, size and redirects.
// A guard on DNS makes sure nothing here ever looks up (let alone reaches) another host.

import * as assert from 'node:assert/strict';
import dns from 'node:dns';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initAnalyzerForNode } from '../../server/src/node/init';
import { fetchImageConfig, resolveImages, type ResolveOptions } from '../../server/src/node/registry';
import type { RegistryBackend } from './backends';
import { forward, pushImage, pushIndex, serve, tempDir, type Pushed, type Registry, type TestServer } from './fixtures';

const ALPINE_ROOTFS = [
  { created_by: '/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf66e4c7fd4f4b85a3759a9d93efb3fd9ff852b5b56e4 in / ' },
  { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
];
const GLIBC_BASE = [
  ...ALPINE_ROOTFS,
  { created_by: '/bin/sh -c #(nop)  ENV GLIBC_VERSION=2.35-r1', empty_layer: true },
  {
    created_by:
      '/bin/sh -c wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub ' +
      '&& wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk',
  },
  { created_by: 'RUN /bin/sh -c apk add --no-cache --force-overwrite glibc-2.35-r1.apk # buildkit' },
];
const CLEAN_ALPINE = [...ALPINE_ROOTFS, { created_by: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit' }];
const DEBIAN = [
  { created_by: '/bin/sh -c #(nop) ADD file:0b1b2c3d in / ' },
  { created_by: '/bin/sh -c #(nop)  CMD ["bash"]', empty_layer: true },
  { created_by: '|1 DEBIAN_FRONTEND=noninteractive /bin/sh -c apt-get update && apt-get install -y curl' },
];

/** Declares the lookup tests against `backend`. */
export function registryLookups(backend: RegistryBackend): void {
  describe(`registry lookups against ${backend.name}`, function () {
    this.timeout(30000);
    let registry: Registry;
    let work: { dir: string; remove(): void };
    let multi: Pushed;
    let cacheSeq = 0;
    const servers: TestServer[] = [];
    const lookups: string[] = [];
    const realLookup = dns.lookup;

    /** Options with a cache of its own, so tests do not share state by accident. */
    const fresh = (extra: ResolveOptions = {}): ResolveOptions => ({
      cacheDir: path.join(work.dir, `cache-${cacheSeq++}`),
      dockerConfigPath: path.join(work.dir, 'no-docker-config.json'),
      ...extra,
    });
    const ref = (repo: string) => `${registry.authority}/${repo}`;
    const track = (s: TestServer) => (servers.push(s), s);

    before(async function () {
      // The resolver judges histories with the analyzer's rules.
      await initAnalyzerForNode();
      // A lookup of any name but a loopback one is a test failure (and is refused, so it
      // cannot turn into traffic). fetch() looks up even IP literals, hence the pass-through.
      (dns as { lookup: unknown }).lookup = (host: string, ...rest: unknown[]) => {
        if (/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(host)) {
          return (realLookup as (...args: unknown[]) => unknown)(host, ...rest);
        }
        lookups.push(host);
        const cb = rest[rest.length - 1] as (err: Error) => void;
        process.nextTick(() => cb(new Error(`test guard: DNS lookup of ${host} refused`)));
      };
      work = tempDir('muslcheck-registry-');
      registry = await backend.start(this, work.dir);
      const base = registry.url;
      await pushImage(base, 'mycorp/glibc-base', '1.4', { history: GLIBC_BASE });
      await pushImage(base, 'library/alpine-clean', '3.19', { history: CLEAN_ALPINE });
      await pushImage(base, 'library/debian-ish', 'bookworm', { history: DEBIAN, docker: true });
      // Squashed: its own history shows nothing, but it records its base.
      await pushImage(base, 'mycorp/app', '2', {
        history: [{ created_by: 'squashed by a build tool' }],
        labels: { 'org.opencontainers.image.base.name': `${registry.authority}/mycorp/glibc-base:1.4` },
      });
      const amd64 = await pushImage(base, 'mycorp/multi', undefined, { history: CLEAN_ALPINE });
      const arm64 = await pushImage(base, 'mycorp/multi', undefined, {
        history: GLIBC_BASE,
        architecture: 'arm64',
        variant: 'v8',
      });
      multi = await pushIndex(base, 'mycorp/multi', 'latest', [
        { pushed: amd64, platform: { os: 'linux', architecture: 'amd64' } },
        { pushed: arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      ]);
    });

    after(async function () {
      (dns as { lookup: unknown }).lookup = realLookup;
      await Promise.all(servers.map((s) => s.close()));
      await registry?.stop();
      work?.remove();
      assert.deepEqual(lookups, [], 'no DNS lookups');
    });

    it('finds sgerrand glibc in a base image history, naming the layer', async function () {
      const r = (await resolveImages([ref('mycorp/glibc-base:1.4')], fresh())).get(ref('mycorp/glibc-base:1.4'));
      assert.ok(r && !r.error, r?.error);
      assert.equal(r.glibcOnMusl, true);
      assert.equal(r.libc, 'musl');
      assert.equal(r.os, 'linux');
      assert.match(r.digest ?? '', /^sha256:[a-f0-9]{64}$/);
      assert.equal(
        r.evidence,
        `layer 2 of ${ref('mycorp/glibc-base:1.4')} ran: wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub`,
      );
    });

    it('judges a clean alpine image musl and a Debian (docker schema 2) image glibc', async function () {
      const res = await resolveImages([ref('library/alpine-clean:3.19'), ref('library/debian-ish:bookworm')], fresh());
      const alpine = res.get(ref('library/alpine-clean:3.19'));
      const debian = res.get(ref('library/debian-ish:bookworm'));
      assert.deepEqual([alpine?.glibcOnMusl, alpine?.libc, alpine?.error], [false, 'musl', undefined]);
      assert.deepEqual([debian?.glibcOnMusl, debian?.libc, debian?.error], [false, 'glibc', undefined]);
    });

    it('hands the generated history to an injected judge', async function () {
      const seen: string[] = [];
      const judge = (text: string) => (seen.push(text), { glibcOnMusl: false, libc: 'glibc' as const });
      const r = (await resolveImages([ref('library/debian-ish:bookworm')], fresh({ judge }))).get(ref('library/debian-ish:bookworm'));
      assert.equal(r?.libc, 'glibc');
      assert.equal(
        seen[0],
        `# layers of ${ref('library/debian-ish:bookworm')}\nFROM history.invalid/base\nADD file:0b1b2c3d /\nCMD ["bash"]\n` +
          'RUN apt-get update && apt-get install -y curl\n',
      );
    });

    it('follows a recorded base image, up to the depth limit', async function () {
      const app = ref('mycorp/app:2');
      const r = (await resolveImages([app], fresh())).get(app);
      assert.equal(r?.glibcOnMusl, true);
      assert.equal(r?.parent?.ref, `${registry.authority}/mycorp/glibc-base:1.4`);
      assert.match(r?.evidence ?? '', /^layer 2 of .*mycorp\/glibc-base:1\.4 ran: /);
      const shallow = (await resolveImages([app], fresh({ maxDepth: 0 }))).get(app);
      assert.deepEqual([shallow?.glibcOnMusl, shallow?.parent], [false, undefined]);
    });

    it('picks the platform from a multi-platform index', async function () {
      const amd = await fetchImageConfig(ref('mycorp/multi'), fresh());
      assert.ok(amd.ok, !amd.ok ? amd.reason : '');
      assert.equal(amd.digest, multi.digest);
      assert.equal(amd.architecture, 'amd64');
      assert.notEqual(amd.manifestDigest, multi.digest);
      const arm = (await resolveImages([ref('mycorp/multi')], fresh({ platform: 'linux/arm64' }))).get(ref('mycorp/multi'));
      assert.deepEqual([arm?.architecture, arm?.glibcOnMusl], ['arm64', true]);
      const none = await fetchImageConfig(ref('mycorp/multi'), fresh({ platform: 'linux/s390x' }));
      assert.deepEqual(none, {
        ok: false,
        reason: `${ref('mycorp/multi')}: no linux/s390x image in its index (has linux/amd64, linux/arm64/v8)`,
      });
    });

    it('reports a missing image as a reason, not a throw', async function () {
      const r = await fetchImageConfig(ref('mycorp/absent:1'), fresh());
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.reason : '', /not found in 127\.0\.0\.1:\d+: MANIFEST_UNKNOWN/);
    });

    describe('token auth', function () {
      let proxy: TestServer;
      let otherRealm: TestServer;
      let blobStore: TestServer;
      const tokenAuth: (string | undefined)[] = [];
      const otherRealmAuth: (string | undefined)[] = [];
      const blobStoreAuth: (string | undefined)[] = [];
      const issued = 'tok-0123456789';
      const password = 'correct horse battery staple';
      let realm = '';

      before(async function () {
        // The registry behind a Bearer challenge; the token service is on the same authority
        // (so stored credentials may go there) unless `realm` points elsewhere.
        otherRealm = track(
          await serve((req, res) => {
            otherRealmAuth.push(req.headers.authorization);
            res.end(JSON.stringify({ token: issued }));
          }),
        );
        blobStore = track(
          await serve((req, res) => {
            blobStoreAuth.push(req.headers.authorization);
            forward(registry.url, req, res);
          }),
        );
        proxy = track(
          await serve((req, res) => {
            const url = new URL(req.url ?? '/', 'http://x');
            if (url.pathname === '/token') {
              tokenAuth.push(req.headers.authorization);
              const asked = `${url.searchParams.get('service')} ${url.searchParams.get('scope')}`;
              if (asked !== 'test-registry repository:mycorp/glibc-base:pull') res.writeHead(400);
              res.end(JSON.stringify({ access_token: issued }));
            } else if (req.headers.authorization !== `Bearer ${issued}`) {
              res.writeHead(401, {
                'www-authenticate': `Bearer realm="${realm}",service="test-registry",scope="repository:mycorp/glibc-base:pull"`,
              });
              res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
            } else if (url.pathname.includes('/blobs/')) {
              // Like a registry sending blobs to a storage host: the token must not follow.
              res.writeHead(307, { location: `${blobStore.url}${url.pathname}` });
              res.end();
            } else {
              forward(registry.url, req, res);
            }
          }),
        );
      });

      it('gets an anonymous token from the realm and retries with it', async function () {
        realm = `${proxy.url}/token`;
        tokenAuth.length = 0;
        const r = await fetchImageConfig(`${proxy.authority}/mycorp/glibc-base:1.4`, fresh());
        assert.ok(r.ok, !r.ok ? r.reason : '');
        assert.deepEqual(tokenAuth, [undefined]);
        assert.deepEqual(blobStoreAuth, [undefined], 'the redirected blob request carries no token');
      });

      it('sends docker config credentials to the token service on their own host only', async function () {
        const dockerConfigPath = path.join(work.dir, 'docker-config.json');
        const auth = Buffer.from(`alice:${password}`).toString('base64');
        fs.writeFileSync(dockerConfigPath, JSON.stringify({ auths: { [`http://${proxy.authority}`]: { auth } } }));
        realm = `${proxy.url}/token`;
        tokenAuth.length = 0;
        const same = await fetchImageConfig(`${proxy.authority}/mycorp/glibc-base:1.4`, fresh({ dockerConfigPath }));
        assert.ok(same.ok, !same.ok ? same.reason : '');
        assert.deepEqual(tokenAuth, [`Basic ${auth}`]);

        realm = `${otherRealm.url}/token`;
        const other = await fetchImageConfig(`${proxy.authority}/mycorp/glibc-base:1.4`, fresh({ dockerConfigPath }));
        assert.ok(other.ok, !other.ok ? other.reason : '');
        assert.deepEqual(otherRealmAuth, [undefined], 'credentials never go to another host');
      });
    });

    describe('limits', function () {
      it('gives up on a registry that does not answer in time', async function () {
        const slow = track(await serve(() => undefined));
        const started = Date.now();
        const r = await fetchImageConfig(`${slow.authority}/mycorp/slow:1`, fresh({ timeoutMs: 300 }));
        assert.deepEqual(r, {
          ok: false,
          reason: `${slow.authority}/mycorp/slow:1: ${slow.authority} did not answer /v2/mycorp/slow/manifests/1 within 300 ms`,
        });
        assert.ok(Date.now() - started < 2000);
      });

      it('aborts a manifest over 4 MiB, declared or streamed', async function () {
        const huge = Buffer.alloc(4 * 1024 * 1024 + 1, 0x20);
        const big = track(
          await serve((req, res) => {
            if (req.url?.includes('declared')) return void res.end(huge);
            // Written in pieces, the body goes out chunked, with no length announced.
            res.write(huge.subarray(0, 1024 * 1024));
            res.end(huge.subarray(1024 * 1024));
          }),
        );
        const declared = await fetchImageConfig(`${big.authority}/declared/x:1`, fresh());
        assert.match(!declared.ok ? declared.reason : '', /sent 4194305 bytes .* over the limit of 4194304$/);
        const streamed = await fetchImageConfig(`${big.authority}/streamed/x:1`, fresh());
        assert.match(!streamed.ok ? streamed.reason : '', /sent more than 4194304 bytes .*; aborted$/);
      });

      it('refuses a redirect to plain http on a non-loopback host without contacting it', async function () {
        const redirector = track(
          await serve((req, res) => {
            res.writeHead(307, { location: `http://example.invalid${req.url}` });
            res.end();
          }),
        );
        const r = await fetchImageConfig(`${redirector.authority}/mycorp/x:1`, fresh());
        assert.deepEqual(r, {
          ok: false,
          reason:
            `${redirector.authority}/mycorp/x:1: refused redirect to http://example.invalid: ` +
            'plain http is allowed only for loopback registries, not example.invalid',
        });
        assert.deepEqual(lookups, []);
      });
    });

    describe('cache', function () {
      let counter: TestServer;
      let requests: string[];

      beforeEach(async function () {
        requests = [];
        counter = track(
          await serve((req, res) => {
            requests.push(`${req.method} ${req.url}`);
            forward(registry.url, req, res);
          }),
        );
      });

      it('answers a second lookup from the cache without any request', async function () {
        const opts = fresh();
        const image = `${counter.authority}/mycorp/multi:latest`;
        const t0 = performance.now();
        const cold = await fetchImageConfig(image, opts);
        const t1 = performance.now();
        const count = requests.length;
        const warm = await fetchImageConfig(image, opts);
        const t2 = performance.now();
        assert.ok(cold.ok && warm.ok);
        assert.equal(cold.source, 'registry');
        assert.equal(warm.source, 'cache');
        assert.equal(count, 3, requests.join('\n'));
        assert.equal(requests.length, count, 'no request on the second lookup');
        assert.deepEqual({ ...warm, source: 'registry' }, cold);
        if (process.env.MUSLCHECK_TIMINGS) console.log(`      cold ${(t1 - t0).toFixed(1)} ms, cached ${(t2 - t1).toFixed(1)} ms`);
      });

      it('revalidates an expired tag with one HEAD request', async function () {
        const opts = fresh({ tagTtlMs: 0 });
        const image = `${counter.authority}/library/alpine-clean:3.19`;
        assert.ok((await fetchImageConfig(image, opts)).ok);
        requests.length = 0;
        const again = await fetchImageConfig(image, opts);
        assert.ok(again.ok);
        assert.deepEqual(requests, ['HEAD /v2/library/alpine-clean/manifests/3.19']);
      });

      it('offline: answers from the cache only, and says so on a miss', async function () {
        const opts = fresh();
        const image = `${counter.authority}/library/debian-ish:bookworm`;
        const miss = await fetchImageConfig(image, { ...opts, offline: true });
        assert.deepEqual(miss, { ok: false, reason: `${image}: offline and not in the cache` });
        assert.deepEqual(requests, []);
        assert.ok((await fetchImageConfig(image, opts)).ok);
        await counter.close();
        requests.length = 0;
        const hit = (await resolveImages([image], { ...opts, offline: true, tagTtlMs: 0 })).get(image);
        assert.deepEqual([hit?.libc, hit?.source, hit?.error], ['glibc', 'cache', undefined]);
        assert.deepEqual(requests, []);
      });
    });
  });
}
