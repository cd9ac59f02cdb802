// MC2003 foreign-libc-binary-in-context: the rule on hand-built ELF facts (every stage kind,
// near-misses), then end to end on real gcc and musl-gcc binaries in real build contexts:
// a single file, a folder, a glob, a .dockerignore'd binary, through the CLI too.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/analyze';
import { stagesView } from '../../../server/src/cli/stages';
import type { ContextFacts } from '../../../server/src/model/context-copies';
import { clearContextCache, readContextFacts } from '../../../server/src/node/context-files';
import { contextFactsFor } from '../../../server/src/node/context-analysis';
import { bytesSource, readElf } from '../../../server/src/parse/elf';
import { buildElf, type ElfSpec } from '../../elf/build-elf';
import { compile, requireTool, scratchFolder } from '../../elf/toolchain';
import { makeProject, requireBuild, runMuslcheck } from '../../cli/helpers';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const GLIBC: Partial<ElfSpec> = {
  interpreter: '/lib64/ld-linux-x86-64.so.2',
  needed: ['libc.so.6'],
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34'] }],
};
const OLD_GLIBC: Partial<ElfSpec> = { ...GLIBC, versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.17'] }] };
const MUSL: Partial<ElfSpec> = { interpreter: '/lib/ld-musl-x86_64.so.1', needed: ['libc.musl-x86_64.so.1'] };
const STATIC: Partial<ElfSpec> = { type: 2 };

/** Context facts in which each source pattern matched the given ELF files. */
function context(sources: Record<string, Record<string, Partial<ElfSpec>>>): { contextFacts: ContextFacts } {
  const matches = new Map(
    Object.entries(sources).map(([pattern, files]) => [
      pattern,
      {
        files: Object.keys(files).length,
        elf: Object.entries(files).map(([path, spec]) => ({
          path,
          elf: readElf(bytesSource(buildElf({ bits: 64, endian: 'little', ...spec })))!,
        })),
      },
    ]),
  );
  return { contextFacts: { root: '.', matches, filesVisited: 1, bytesRead: 1, limit: null } };
}

ruleTester('MC2003', {
  valid: [
    { name: 'a static binary into alpine', code: 'FROM alpine:3.20\nCOPY app /app\n', options: context({ app: { app: STATIC } }) },
    { name: 'a static-pie binary into scratch', code: 'FROM scratch\nCOPY app /app\n', options: context({ app: { app: { pie: true } } }) },
    { name: 'a musl binary into alpine', code: 'FROM alpine:3.20\nCOPY app /app\n', options: context({ app: { app: MUSL } }) },
    {
      name: 'a build for glibc 2.34 into bookworm (2.36)',
      code: 'FROM debian:bookworm-slim\nCOPY app /app\n',
      options: context({ app: { app: GLIBC } }),
    },
    { name: 'a glibc binary into debian', code: 'FROM debian:12-slim\nCOPY app /app\n', options: context({ app: { app: GLIBC } }) },
    {
      name: 'a glibc binary into distroless cc',
      code: 'FROM gcr.io/distroless/cc-debian12\nCOPY app /app\n',
      options: context({ app: { app: GLIBC } }),
    },
    {
      name: 'a glibc binary into alpine with gcompat',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY app /app\n',
      options: context({ app: { app: GLIBC } }),
    },
    {
      name: 'a musl binary into debian that installs musl',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y musl\nCOPY app /app\n',
      options: context({ app: { app: MUSL } }),
    },
    { name: 'a glibc binary into an unknown image', code: 'FROM mycorp/base\nCOPY app /app\n', options: context({ app: { app: GLIBC } }) },
    { name: 'without context facts the rule is silent', code: 'FROM alpine:3.20\nCOPY app /app\n' },
    {
      name: 'COPY --from is MC2001 ground',
      code: 'FROM alpine:3.20\nCOPY --from=build app /app\n',
      options: context({ app: { app: GLIBC } }),
    },
    { name: 'an ADD of a URL is not the context', code: 'FROM alpine:3.20\nADD https://example.com/app /app\n', options: context({}) },
    {
      name: 'a glibc shared library into scratch (nothing loads it there)',
      code: 'FROM scratch\nCOPY lib.so /lib.so\n',
      options: context({ 'lib.so': { 'lib.so': { type: 3, needed: ['libc.so.6'] } } }),
    },
    {
      name: 'a dynamic program into scratch that also gets its loader',
      code: 'FROM scratch\nCOPY --from=build /lib64/ld-linux-x86-64.so.2 /lib64/\nCOPY app /app\n',
      options: context({ app: { app: GLIBC } }),
    },
    {
      name: 'an arm64 binary into an arm64 stage',
      code: 'FROM --platform=linux/arm64 alpine:3.20\nCOPY app /app\n',
      options: context({ app: { app: { ...STATIC, machine: 183 } } }),
    },
    {
      name: 'an arm64 binary into a stage for $TARGETPLATFORM (unknown here)',
      code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\nCOPY app /app\n',
      options: context({ app: { app: { ...STATIC, machine: 183 } } }),
    },
    {
      name: 'test data and per-platform prebuilds inside a copied folder',
      code: 'FROM node:20-alpine\nCOPY . /srv\n',
      options: context({
        '.': {
          'internal/elf/testdata/gcc-amd64': GLIBC,
          'node_modules/leveldown/prebuilds/linux-x64/node.napi.glibc.node': GLIBC,
          'fixtures/app': GLIBC,
        },
      }),
    },
    {
      name: 'per-libc npm packages with their musl builds beside them: Node loads the musl one',
      code: 'FROM node:20-alpine\nCOPY . /srv\n',
      options: context({
        '.': {
          'node_modules/@swc/core-linux-x64-gnu/swc.linux-x64-gnu.node': GLIBC,
          'node_modules/@swc/core-linux-x64-musl/swc.linux-x64-musl.node': MUSL,
          'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node': GLIBC,
          'node_modules/@img/sharp-linuxmusl-x64/lib/sharp-linuxmusl-x64.node': MUSL,
        },
      }),
    },
    {
      name: 'COPY --exclude leaves the glibc files out',
      code: 'FROM alpine:3.20\nCOPY --exclude=*.so --exclude=vendor/ . /srv\n',
      options: context({ '.': { 'lib/plugin.so': GLIBC, 'vendor/bin/tool': GLIBC } }),
    },
    {
      name: 'COPY --exclude of an unknown build argument may leave the glibc file out',
      code: 'FROM alpine:3.20\nARG SKIP\nCOPY --exclude=$SKIP . /srv\n',
      options: context({ '.': { 'lib/plugin.so': GLIBC } }),
    },
    { name: 'an object file', code: 'FROM alpine:3.20\nCOPY app.o /app.o\n', options: context({ 'app.o': { 'app.o': { type: 1 } } }) },
  ],
  invalid: [
    {
      name: 'a glibc binary into alpine: interpreter, highest version, gcompat not enough',
      code: 'FROM alpine:3.20\nCOPY bin/app /usr/local/bin/app\n',
      options: context({ 'bin/app': { 'bin/app': GLIBC } }),
      errors: [
        {
          code: 'MC2003',
          line: 2,
          column: 6,
          endColumn: 13,
          message:
            /^`bin\/app` from the build context is linked against glibc \(interpreter \/lib64\/ld-linux-x86-64\.so\.2, needs GLIBC_2\.34\) and lands in stage 0 \(alpine:3\.20, musl\).*gcompat may not be enough: it needs GLIBC_2\.34/,
        },
      ],
      output: null,
    },
    {
      name: 'an old glibc binary into alpine: gcompat is offered',
      code: 'FROM alpine:3.20\nCOPY app /app\n',
      options: context({ app: { app: OLD_GLIBC } }),
      errors: [{ code: 'MC2003', line: 2, column: 6, message: /needs GLIBC_2\.17\).*or install gcompat .*GLIBC_2\.17 at most/ }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY app /app\n',
    },
    {
      name: 'a folder with several glibc files: one finding naming the first',
      code: 'FROM node:20-alpine\nCOPY . /srv\n',
      options: context({ '.': { 'a.node': GLIBC, 'b.node': GLIBC, 'c.node': GLIBC, 'ok.node': MUSL } }),
      errors: [{ code: 'MC2003', line: 2, column: 6, endColumn: 7, message: /^`a\.node` .*\(and 2 more such files\)$/ }],
      output: null,
    },
    {
      name: 'a test-data file named by the COPY itself is judged',
      code: 'FROM alpine:3.20\nCOPY testdata/app /app\n',
      options: context({ 'testdata/app': { 'testdata/app': GLIBC } }),
      errors: [{ code: 'MC2003', line: 2, column: 6 }],
      output: null,
    },
    {
      name: "a per-libc npm package without its musl build, beside another package's musl build",
      code: 'FROM node:20-alpine\nCOPY . /srv\n',
      options: context({
        '.': {
          'node_modules/@swc/core-linux-x64-gnu/swc.linux-x64-gnu.node': GLIBC,
          'node_modules/@img/sharp-linuxmusl-x64/lib/sharp-linuxmusl-x64.node': MUSL,
        },
      }),
      errors: [{ code: 'MC2003', line: 2, column: 6, message: /^`node_modules\/@swc\/core-linux-x64-gnu\/swc\.linux-x64-gnu\.node` / }],
      output: null,
    },
    {
      name: 'COPY --exclude of other files keeps the finding',
      code: 'FROM alpine:3.20\nCOPY --exclude=*.md . /srv\n',
      options: context({ '.': { 'bin/server': GLIBC } }),
      errors: [{ code: 'MC2003', line: 2, column: 21 }],
      output: null,
    },
    {
      name: 'COPY --exclude of a known build argument that names other files keeps the finding',
      code: 'FROM alpine:3.20\nARG SKIP=docs\nCOPY --exclude=$SKIP . /srv\n',
      options: context({ '.': { 'lib/plugin.so': GLIBC } }),
      errors: [{ code: 'MC2003', line: 3, column: 22 }],
      output: null,
    },
    {
      name: "scratch with a loader copied in: the dynamic program is fine, the other machine's is not",
      code: 'FROM --platform=linux/arm64 scratch\nCOPY lib /lib\nCOPY . /srv\n',
      options: context({ '.': { 'a-arm64': { ...GLIBC, machine: 183 }, 'b-amd64': GLIBC } }),
      errors: [{ code: 'MC2003', line: 3, column: 6, message: /^`b-amd64` .* is an x86-64 program .*"exec format error"/ }],
      output: null,
    },
    {
      name: 'a build for glibc 2.38 into bookworm (2.36)',
      code: 'FROM python:3.12-slim-bookworm\nCOPY app /app\n',
      options: context({ app: { app: { ...GLIBC, versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.38'] }] } } }),
      errors: [
        {
          code: 'MC2003',
          line: 2,
          column: 6,
          message: /needs GLIBC_2\.38 .*whose glibc is 2\.36: it fails with "version `GLIBC_2\.38' not found"/,
        },
      ],
      output: null,
    },
    {
      name: 'a musl binary into debian',
      code: 'FROM debian:12-slim\nCOPY app /app\n',
      options: context({ app: { app: MUSL } }),
      errors: [
        { code: 'MC2003', line: 2, column: 6, message: /linked against musl \(interpreter \/lib\/ld-musl-x86_64\.so\.1\).*no musl loader/ },
      ],
      output: null,
    },
    {
      name: 'a dynamic glibc program into distroless static',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\n',
      options: context({ app: { app: GLIBC } }),
      errors: [{ code: 'MC2003', line: 2, column: 6, message: /dynamically linked .*no C library/ }],
      output: null,
    },
    {
      name: 'an x86-64 binary into an arm64 stage',
      code: 'FROM --platform=linux/arm64 alpine:3.20\nCOPY app /app\n',
      options: context({ app: { app: STATIC } }),
      errors: [
        { code: 'MC2003', line: 2, column: 6, message: /x86-64 program .*built for linux\/arm64: it fails with "exec format error"/ },
      ],
      output: null,
    },
    {
      name: 'ADD and the JSON form, after ARG substitution, in a stage built on an alpine stage',
      code: 'ARG DIR=out\nFROM alpine:3.20 AS base\nFROM base\nADD ["${DIR}/app", "/app"]\n',
      options: context({ 'out/app': { 'out/app': GLIBC } }),
      errors: [{ code: 'MC2003', line: 4, column: 5 }],
      output: null,
    },
    {
      name: 'a glibc binary into an alpine-glibc image',
      code: 'FROM frolvlad/alpine-glibc\nCOPY app /app\n',
      options: context({ app: { app: GLIBC } }),
      errors: [
        { code: 'MC1001', line: 1, column: 6 },
        { code: 'MC2003', line: 2, column: 6, message: /glibc on musl/ },
      ],
      output: null,
    },
  ],
});

// The fixtures' build context: what each file they copy is.
fixtureTester(
  'MC2003',
  context({
    'bin/server': { 'bin/server': GLIBC },
    'vendor/legacy-tool': { 'vendor/legacy-tool': OLD_GLIBC },
    'bin/musl-server': { 'bin/musl-server': MUSL },
    'bin/static-server': { 'bin/static-server': STATIC },
  }),
);

describe('MC2003 on real binaries in real build contexts', function () {
  let root: string;
  before(async function () {
    await initRules();
    requireTool(this, 'gcc');
    requireTool(this, 'musl-gcc');
    clearContextCache();
    root = scratchFolder('context');
    const build = scratchFolder('build');
    const glibc = compile('gcc', [], build, 'glibc');
    const glibcStatic = compile('gcc', ['-static'], build, 'glibc-static');
    const musl = compile('musl-gcc', [], build, 'musl');
    mkdirSync(join(root, 'bin'));
    mkdirSync(join(root, 'dist', 'deep'), { recursive: true });
    copyFileSync(glibc, join(root, 'bin', 'server'));
    copyFileSync(glibcStatic, join(root, 'bin', 'tool'));
    copyFileSync(musl, join(root, 'bin', 'musl-tool'));
    copyFileSync(glibc, join(root, 'dist', 'deep', 'plugin.so'));
    // A glibc program cut short after its interpreter: partial facts, no finding.
    writeFileSync(join(root, 'bin', 'truncated'), readFileSync(glibc).subarray(0, 2048));
    writeFileSync(join(root, 'dist', 'index.js'), 'console.log(1)\n');
    writeFileSync(join(root, 'run.sh'), '#!/bin/sh\nexec /bin/server\n');
    chmodSync(join(root, 'run.sh'), 0o755);
    mkdirSync(join(root, 'ignored'));
    copyFileSync(glibc, join(root, 'ignored', 'old-server'));
    writeFileSync(join(root, '.dockerignore'), '# build leftovers\nignored\n');
    // Links out of the context, to a glibc program of this machine and to a folder of them.
    symlinkSync(glibc, join(root, 'bin-link'));
    symlinkSync(build, join(root, 'outside'));
  });

  async function findings(dockerfile: string): Promise<{ line: number; message: string }[]> {
    const path = join(root, 'Dockerfile');
    writeFileSync(path, dockerfile);
    const facts = await contextFactsFor(dockerfile, {}, path, root);
    return analyze(dockerfile, { contextFacts: facts ?? undefined })
      .findings.filter((f) => f.code === 'MC2003')
      .map((f) => ({ line: f.range.start.line + 1, message: f.message }));
  }

  it('a single glibc file into alpine', async () => {
    const found = await findings('FROM alpine:3.20\nCOPY bin/server /usr/local/bin/server\n');
    assert.equal(found.length, 1);
    assert.match(
      found[0].message,
      /^`bin\/server` from the build context is linked against glibc \(interpreter \/lib64\/ld-linux-x86-64\.so\.2, needs GLIBC_2\.\d+\)/,
    );
  });

  it('a folder: the shared object deep inside is found; the script and JavaScript are not', async () => {
    const found = await findings('FROM node:20-alpine\nCOPY dist/ /srv/dist/\n');
    assert.deepEqual(
      found.map((f) => f.message.split(' ')[0]),
      ['`dist/deep/plugin.so`'],
    );
    assert.deepEqual(await findings('FROM node:20-alpine\nCOPY run.sh dist/index.js /srv/\n'), []);
  });

  it('a glob: the dynamic glibc file, not the static one nor the musl one', async () => {
    const found = await findings('FROM alpine:3.20\nCOPY bin/* /usr/local/bin/\n');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^`bin\/server` /);
    assert.doesNotMatch(found[0].message, /more such/);
  });

  it("the whole context: the .dockerignore'd binary is left out", async () => {
    const found = await findings('FROM alpine:3.20\nCOPY . /src\n');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /^`bin\/server` .*\(and 1 more such file\)$/);
    assert.doesNotMatch(found[0].message, /ignored/);
    const named = await findings('FROM alpine:3.20\nCOPY ignored/old-server /app\n');
    assert.deepEqual(named, [], 'an ignored file is not in the context');
  });

  it('never follows a symbolic link out of the context', async () => {
    assert.deepEqual(await findings('FROM alpine:3.20\nCOPY bin-link /app\n'), []);
    assert.deepEqual(await findings('FROM alpine:3.20\nCOPY outside/glibc /app\n'), []);
    assert.deepEqual(await findings('FROM alpine:3.20\nCOPY outside/* /app/\n'), []);
  });

  it('debian: the musl file; distroless cc: nothing; distroless static: the dynamic ones', async () => {
    const debian = await findings('FROM debian:12-slim\nCOPY bin/ /usr/local/bin/\n');
    assert.deepEqual(
      debian.map((f) => f.message.split(' ')[0]),
      ['`bin/musl-tool`'],
    );
    assert.deepEqual(await findings('FROM gcr.io/distroless/cc-debian12\nCOPY bin/server bin/tool /\n'), []);
    const bare = await findings('FROM gcr.io/distroless/static-debian12\nCOPY bin/server /server\nCOPY bin/tool /tool\n');
    assert.deepEqual(
      bare.map((f) => f.line),
      [2],
    );
  });

  it('passes over a .dockerignore that is a FIFO instead of waiting for a writer', async () => {
    const folder = makeProject({ Dockerfile: 'FROM alpine:3.20\nCOPY app /app\n', app: 'text\n' });
    for (const name of ['.dockerignore', 'Dockerfile.dockerignore']) {
      assert.equal(spawnSync('mkfifo', [join(folder, name)]).status, 0, 'mkfifo');
    }
    // An open of either FIFO would block a thread-pool thread for ever and this never settle.
    const facts = await readContextFacts(folder, join(folder, 'Dockerfile'), ['app']);
    assert.deepEqual([...facts.matches.keys()], ['app']);
  });

  it('reads only headers, and stops at its bounds', async () => {
    const whole = readFileSync(join(root, 'bin', 'tool')).length;
    clearContextCache();
    const facts = await readContextFacts(root, null, ['bin/tool']);
    assert.ok(facts.bytesRead > 0 && facts.bytesRead < whole / 10, `read ${facts.bytesRead} of ${whole} bytes`);
    const bounded = await readContextFacts(root, null, ['.'], { maxFiles: 3 });
    assert.match(bounded.limit ?? '', /^stopped after looking at 3 files of the build context$/);
    const text = 'FROM alpine:3.20\nCOPY . /src\n';
    const result = analyze(text, { contextFacts: bounded });
    const [view] = stagesView([{ file: 'Dockerfile', text, findings: result.findings, stages: result.model.stages, context: bounded }]);
    assert.equal(view.context?.limit, bounded.limit, '--print-stages says which bound stopped the reading');
    assert.equal(view.stages[0].contextCopies?.[0].source, '.');
    clearContextCache();
    const budget = await readContextFacts(root, null, ['bin'], { maxBytes: 1 });
    assert.match(budget.limit ?? '', /^stopped after reading 1 bytes of the build context$/);
  });

  it('the CLI: --context, and --print-stages shows what was read', () => {
    requireBuild();
    const cwd = makeProject({ Dockerfile: 'FROM alpine:3.20\nCOPY bin/server /server\n' });
    const run = runMuslcheck(['--context', root, '--format', 'json', 'Dockerfile'], { cwd });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /MC2003/);
    const without = runMuslcheck(['--format', 'json', 'Dockerfile'], { cwd });
    assert.equal(without.status, 0, 'the Dockerfile folder has no bin/server: nothing to judge');
    const missing = runMuslcheck(['--context', 'no-such-folder', 'Dockerfile'], { cwd });
    assert.equal(missing.status, 2);
    assert.match(
      missing.stderr,
      /^muslcheck: Dockerfile: the build context \S*no-such-folder is not a folder \(--context or 'context'\)\n$/,
    );
    const stages = runMuslcheck(['--context', root, '--print-stages', 'Dockerfile'], { cwd });
    const view = JSON.parse(stages.stdout)[0];
    assert.equal(view.context.limit, null);
    assert.deepEqual(view.stages[0].contextCopies[0].elf[0], {
      path: 'bin/server',
      machine: 'x86-64',
      linking: 'dynamic',
      libc: 'glibc',
      interpreter: '/lib64/ld-linux-x86-64.so.2',
      highestGlibc: view.stages[0].contextCopies[0].elf[0].highestGlibc,
    });
    assert.match(view.stages[0].contextCopies[0].elf[0].highestGlibc, /^GLIBC_2\.\d+$/);
  });
});
