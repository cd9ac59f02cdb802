// The registry lookup wired to the analyzer: an unknown base whose history installs
// sgerrand glibc makes MC1001 fire with the layer as evidence; a clean one does not; a
// failed lookup leaves the stage unknown and says why.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { initAnalyzerForNode } from '../../server/src/node/init';
import { analyzeWithRegistry } from '../../server/src/node/image-resolution';
import { analyzerJudge } from '../../server/src/node/registry/judge';
import { makeProject, requireBuild, runMuslcheckAsync } from '../cli/helpers';
import { TestClient } from '../lsp/e2e/client';
import { pathToFileURL } from 'node:url';
import type { RegistryBackend } from './backends';
import { forward, freePort, pushImage, serve, tempDir, type Registry } from './fixtures';

const GLIBC_HISTORY = [
  { created_by: '/bin/sh -c #(nop) ADD file:5d67 in / ' },
  { created_by: 'RUN /bin/sh -c apk add --no-cache curl # buildkit' },
  {
    created_by:
      'RUN /bin/sh -c curl -sLO https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1/glibc-2.35-r1.apk # buildkit',
  },
  { created_by: 'RUN /bin/sh -c apk add --no-cache --force-overwrite glibc-2.35-r1.apk # buildkit' },
];
const JAVA_HISTORY = [
  ...GLIBC_HISTORY,
  { created_by: '/bin/sh -c #(nop)  ENV JAVA_VERSION=11.0.2 JAVA_HOME=/opt/java/openjdk', empty_layer: true },
];
const CLEAN_HISTORY = [
  { created_by: '/bin/sh -c #(nop) ADD file:5d67 in / ' },
  { created_by: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit' },
];

/** Puts an environment variable back; assigning undefined would store the string "undefined". */
function restoreEnv(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Declares the tests of registry lookups wired to the analyzer, CLI and server, against `backend`. */
export function analyzeWithRegistryTests(backend: RegistryBackend): void {
  describe(`analyzeWithRegistry against ${backend.name}`, function () {
    this.timeout(30000);
    let registry: Registry;
    let work: { dir: string; remove(): void };
    let seq = 0;
    const fetchOptions = () => ({ cacheDir: path.join(work.dir, `cache-${seq++}`), dockerConfigPath: path.join(work.dir, 'none.json') });

    before(async function () {
      await initAnalyzerForNode();
      work = tempDir('muslcheck-analyze-registry-');
      registry = await backend.start(this, work.dir);
      await pushImage(registry.url, 'mycorp/base', '1.4', { history: GLIBC_HISTORY });
      await pushImage(registry.url, 'mycorp/clean', '1.0', { history: CLEAN_HISTORY });
      await pushImage(registry.url, 'mycorp/java', '11', { history: JAVA_HISTORY });
      await pushImage(registry.url, 'mycorp/alpine-glibc-tools', '2', { history: CLEAN_HISTORY });
    });

    after(async function () {
      await registry?.stop();
      work?.remove();
    });

    it('reports MC1001 for an unknown base whose history installs glibc, naming the layer', async function () {
      const text = `FROM ${registry.authority}/mycorp/base:1.4\nRUN apk add --no-cache bash\n`;
      const { result } = await analyzeWithRegistry(text, {}, fetchOptions());
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
      const { result } = await analyzeWithRegistry(text, {}, fetchOptions());
      assert.deepEqual(result.findings, []);
      assert.equal(result.model.stages[0].libc, 'musl');
      assert.match(result.model.stages[0].reason, /history in the registry shows a musl image/);
    });

    it('tells the runtime from the history and offers the same Java on musl, for review', async function () {
      const text = `FROM ${registry.authority}/mycorp/java:11\nCMD ["java", "-jar", "/app.jar"]\n`;
      const { result } = await analyzeWithRegistry(text, {}, fetchOptions());
      const [mc1001] = result.findings.filter((f) => f.code === 'MC1001');
      assert.match(mc1001.message, /It carries Java 11 JDK: use `eclipse-temurin:11-jdk-alpine`/);
      assert.deepEqual(
        mc1001.fixes.map((f) => [f.title.split(' (')[0], f.safety]),
        [
          ['Use eclipse-temurin:11-jdk-alpine', 'unsafe'],
          ['Use alpine:3.22 and install gcompat', 'unsafe'],
          ['Use gcr.io/distroless/java21-debian13', 'unsafe'],
          ['Use debian:13-slim', 'unsafe'],
        ],
      );
    });

    it('lets a clean history overrule a name that says glibc', async function () {
      const text = `FROM ${registry.authority}/mycorp/alpine-glibc-tools:2\nRUN apk add --no-cache bash\n`;
      const { result: offline } = await analyzeWithRegistry(text, {}, { ...fetchOptions(), offline: true });
      assert.deepEqual(
        offline.findings.map((f) => f.code),
        ['MC1001'],
        'without an answer, the name decides',
      );
      const { result } = await analyzeWithRegistry(text, {}, fetchOptions());
      assert.deepEqual(result.findings, []);
      assert.equal(result.model.stages[0].glibcOnMusl, false);
    });

    it('leaves the stage unknown with the reason when the lookup fails', async function () {
      const text = `FROM ${registry.authority}/mycorp/missing:9\n`;
      const { result } = await analyzeWithRegistry(text, {}, fetchOptions());
      assert.equal(result.model.stages[0].libc, 'unknown');
      assert.equal(
        result.model.stages[0].reason,
        `${registry.authority}/mycorp/missing:9: registry lookup failed: the registry did not answer`,
      );
    });

    it('does not look up bases the knowledge base already knows', async function () {
      const { result } = await analyzeWithRegistry('FROM alpine:3.20\n', {}, { ...fetchOptions(), offline: true });
      assert.equal(result.model.stages[0].reason, 'alpine:3.20: official alpine image');
    });

    it('returns the options with the facts, so fixed text is analysed with them too', async function () {
      const text = `FROM ${registry.authority}/mycorp/base:1.4\n`;
      const { options } = await analyzeWithRegistry(
        text,
        { imageFacts: [{ image: 'mycorp/other', libc: 'glibc', reason: 'configured' }] },
        fetchOptions(),
      );
      assert.deepEqual(
        options.imageFacts?.map((f) => [f.image, f.libc, f.glibcOnMusl]),
        [
          ['mycorp/other', 'glibc', undefined],
          [`${registry.authority}/mycorp/base:1.4`, 'musl', true],
        ],
      );
    });

    it('judges history text with the real rules', function () {
      const verdict = analyzerJudge('FROM history.invalid/base\nRUN apk add --no-cache glibc-2.35-r1.apk\n');
      assert.deepEqual(verdict, { glibcOnMusl: true, libc: 'musl', evidenceLine: 1, evidenceText: 'glibc-2.35-r1.apk' });
      assert.deepEqual(analyzerJudge('FROM history.invalid/base\nRUN apt-get install -y libc6\n'), { glibcOnMusl: false, libc: 'glibc' });
    });

    it('judges both glibc install prefixes, /usr/glibc-compat and /usr/glibc/, as glibc on musl', function () {
      for (const prefix of ['/usr/glibc-compat/lib', '/usr/glibc/lib']) {
        const text = `FROM history.invalid/base\nRUN apk add --no-cache curl\nRUN ln -s ${prefix}/ld-linux-x86-64.so.2 /lib/ld-linux-x86-64.so.2\n`;
        const verdict = analyzerJudge(text);
        assert.deepEqual([verdict.glibcOnMusl, verdict.libc, verdict.evidenceLine], [true, 'musl', 2], prefix);
        assert.match(verdict.evidenceText ?? '', /^\/usr\/glibc/, prefix);
      }
      assert.deepEqual(analyzerJudge('FROM history.invalid/base\nRUN apk add --no-cache gcompat\n'), { glibcOnMusl: false, libc: 'musl' });
      assert.deepEqual(analyzerJudge('FROM history.invalid/base\nCMD ["bash"]\n'), { glibcOnMusl: false, libc: 'unknown' });
    });

    it('looks images up from the command line with --resolve-images, and only then', async function () {
      requireBuild();
      const project = makeProject({ Dockerfile: `FROM ${registry.authority}/mycorp/base:1.4\nRUN apk add --no-cache bash\n` });
      const env = { XDG_CACHE_HOME: path.join(work.dir, `xdg-${seq++}`) };
      const plain = await runMuslcheckAsync(['--format', 'json', 'Dockerfile'], { cwd: project, env });
      assert.deepEqual([plain.status, JSON.parse(plain.stdout)], [0, []]);
      const resolved = await runMuslcheckAsync(['--resolve-images', '--format', 'json', 'Dockerfile'], { cwd: project, env });
      assert.equal(resolved.status, 1, resolved.stderr);
      assert.deepEqual(
        JSON.parse(resolved.stdout).map((f: { code: string; line: number }) => [f.code, f.line]),
        [['MC1001', 1]],
      );
      // The answer is cached: --offline finds it without the network.
      const offline = await runMuslcheckAsync(['--resolve-images', '--offline', '--print-stages', 'Dockerfile'], { cwd: project, env });
      assert.equal(JSON.parse(offline.stdout)[0].stages[0].glibcOnMusl, true);
    });

    it('publishes text findings at once and image findings when the lookup ends (language server)', async function () {
      requireBuild();
      const previous = process.env.XDG_CACHE_HOME;
      process.env.XDG_CACHE_HOME = path.join(work.dir, `xdg-${seq++}`);
      const client = await TestClient.start({ capabilities: {}, initializationOptions: { muslcheck: { resolveImages: true } } });
      restoreEnv('XDG_CACHE_HOME', previous);
      try {
        const uri = 'untitled:resolve-images';
        await client.open(uri, `FROM ${registry.authority}/mycorp/base:1.4\nRUN apk add --no-cache --allow-untrusted bash\n`);
        const first = await client.diagnostics(uri);
        assert.deepEqual(
          first.diagnostics.map((d) => d.code),
          ['MC1006'],
        );
        const later = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'MC1001'));
        assert.deepEqual(later.diagnostics.map((d) => d.code).sort(), ['MC1001', 'MC1006']);
        assert.equal(await client.stop(), 0);
      } finally {
        client.kill();
      }
    });

    it('never takes resolve-images from a workspace file; the editor setting counts in a trusted workspace only', async function () {
      requireBuild();
      let requests = 0;
      const proxy = await serve((req, res) => {
        requests++;
        forward(registry.url, req, res);
      });
      const previous = { cache: process.env.XDG_CACHE_HOME, config: process.env.XDG_CONFIG_HOME };
      process.env.XDG_CONFIG_HOME = path.join(work.dir, 'no-user-config');
      try {
        const text = `FROM ${proxy.authority}/mycorp/base:1.4\nRUN apk add --allow-untrusted bash\n`;
        const check = async (trusted: boolean, setting: boolean, expectFinding: boolean) => {
          const project = makeProject({ '.muslcheck.yaml': 'resolve-images: true\n', Dockerfile: text });
          process.env.XDG_CACHE_HOME = path.join(work.dir, `xdg-${seq++}`);
          const client = await TestClient.start({
            capabilities: {},
            initializationOptions: { workspaceTrusted: trusted, muslcheck: { resolveImages: setting } },
          });
          try {
            const uri = pathToFileURL(path.join(project, 'Dockerfile')).href;
            await client.open(uri, text);
            const accept = expectFinding
              ? (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.some((d) => d.code === 'MC1001')
              : () => true;
            const published = await client.diagnostics(uri, accept);
            // A second document under the same file: the request is told once.
            await client.open(`${uri}.copy`, text);
            await client.diagnostics(`${uri}.copy`);
            const told = client.messages.filter((m) => m.includes('asks for registry lookups'));
            return { codes: published.diagnostics.map((d) => String(d.code)).sort(), told, file: path.join(project, '.muslcheck.yaml') };
          } finally {
            await client.stop();
          }
        };
        const fileOnly = await check(true, false, false);
        assert.deepEqual(fileOnly.codes, ['MC1006']);
        assert.equal(requests, 0, 'a workspace file alone made registry requests');
        assert.deepEqual(fileOnly.told, [
          `muslcheck: ${fileOnly.file}: asks for registry lookups (resolve-images: true), which need your consent, so none are made; to allow them, turn on the muslcheck.resolveImages setting, or set \`resolve-images: true\` in your user-level muslcheck configuration`,
        ]);
        const untrusted = await check(false, true, false);
        assert.deepEqual(untrusted.codes, ['MC1006']);
        assert.equal(requests, 0, 'an untrusted workspace made registry requests');
        assert.match(untrusted.told.join('\n'), /trust this workspace and turn on the muslcheck\.resolveImages setting/);
        const consented = await check(true, true, true);
        assert.deepEqual(consented.codes, ['MC1001', 'MC1006']);
        assert.deepEqual(consented.told, []);
        assert.ok(requests > 0);
      } finally {
        restoreEnv('XDG_CACHE_HOME', previous.cache);
        restoreEnv('XDG_CONFIG_HOME', previous.config);
        await proxy.close();
      }
    });

    describe('consent on the command line', function () {
      let requests = 0;
      let proxy: Awaited<ReturnType<typeof serve>>;
      before(async function () {
        requireBuild();
        proxy = await serve((req, res) => {
          requests++;
          forward(registry.url, req, res);
        });
      });
      after(async () => proxy?.close());

      const project = () =>
        makeProject({
          '.muslcheck.yaml': 'resolve-images: true\n',
          'a/Dockerfile': `FROM ${proxy.authority}/mycorp/base:1.4\n`,
          'b/Dockerfile': `FROM ${proxy.authority}/mycorp/base:1.4\n`,
        });
      const fresh = () => ({ XDG_CACHE_HOME: path.join(work.dir, `xdg-${seq++}`) });
      // Asynchronous, unlike runMuslcheck: the counting proxy lives in this process and must answer.
      const run = (args: string[], cwd: string, env: Record<string, string>) => runMuslcheckAsync(args, { cwd, env });

      it('a repository file alone makes no request, and says so once', async function () {
        const cwd = project();
        requests = 0;
        const out = await run(['--format', 'json', '.'], cwd, fresh());
        assert.equal(requests, 0);
        assert.deepEqual([out.status, JSON.parse(out.stdout)], [0, []]);
        assert.equal(
          out.stderr,
          `muslcheck: ${path.join(cwd, '.muslcheck.yaml')}: asks for registry lookups (resolve-images: true), which need your consent, so none were made; to allow them, pass --resolve-images or set MUSLCHECK_RESOLVE_IMAGES=1, or \`resolve-images: true\` in ${path.join(cwd, '.xdg-empty', 'muslcheck', 'config.yaml')}\n`,
        );
      });

      for (const [name, args, env] of [
        ['--resolve-images', ['--resolve-images'], {}],
        ['MUSLCHECK_RESOLVE_IMAGES=1', [], { MUSLCHECK_RESOLVE_IMAGES: '1' }],
      ] as const) {
        it(`${name} is consent`, async function () {
          const cwd = project();
          const out = await run([...args, '--format', 'json', '.'], cwd, { ...fresh(), ...env });
          assert.equal(out.stderr, '');
          assert.equal(out.status, 1);
          assert.equal(JSON.parse(out.stdout).length, 2);
        });
      }

      it('the user-level configuration is consent, and a repository may still say no', async function () {
        const cwd = project();
        const userConfig = path.join(cwd, '.xdg-empty', 'muslcheck');
        mkdirSync(userConfig, { recursive: true });
        writeFileSync(path.join(userConfig, 'config.yaml'), 'resolve-images: true\n');
        const out = await run(['--format', 'json', '.'], cwd, fresh());
        assert.equal(out.stderr, '');
        assert.equal(JSON.parse(out.stdout).length, 2);
        writeFileSync(path.join(cwd, '.muslcheck.yaml'), 'resolve-images: false\n');
        requests = 0;
        const refused = await run(['--format', 'json', '.'], cwd, fresh());
        assert.deepEqual([refused.stderr, refused.stdout.trim(), requests], ['', '[]', 0]);
      });

      it('a failed lookup says only that the registry did not answer, open port or not', async function () {
        const closed = await freePort();
        let answered = 0;
        const notRegistry = await serve((_req, res) => {
          answered++;
          res.writeHead(418);
          res.end('not a registry');
        });
        try {
          const cwd = makeProject({
            Dockerfile: `FROM 127.0.0.1:${closed}/x/y:1\nFROM ${notRegistry.authority}/x/y:1\n`,
          });
          const out = await run(['--resolve-images', '--print-stages', 'Dockerfile'], cwd, fresh());
          const reasons = JSON.parse(out.stdout)[0].stages.map((s: { reason: string; image: string }) =>
            s.reason.replace(s.image, '<image>'),
          );
          assert.deepEqual(reasons, [
            '<image>: registry lookup failed: the registry did not answer',
            '<image>: registry lookup failed: the registry did not answer',
          ]);
          assert.ok(answered > 0, 'the open port was asked and answered');
        } finally {
          await notRegistry.close();
        }
      });
    });
  });
}
