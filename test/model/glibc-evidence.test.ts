// The model's glibc evidence on its own: what one stage downloads and installs (shared by
// MC1002-MC1006 and the gcompat fix), which apk targets and paths are glibc, and the file
// transfers and keys the signing-key rule reads.
import assert from 'node:assert/strict';
import { SGERRAND_KEY_PEM_PREFIX } from '../../server/src/knowledge/glibc';
import { readApk } from '../../server/src/model/apk';
import {
  alpineStages,
  carriesGlibcKeyPem,
  isApkAdd,
  isGlibcApkPath,
  isGlibcApkTarget,
  isInApkKeysDir,
  namesGlibcKey,
  readFileTransfer,
  stageEvidence,
  type StageEvidence,
} from '../../server/src/model/glibc-evidence';
import { buildModel, type Stage } from '../../server/src/model/model';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { parseShell, type ShellCommand } from '../../server/src/parse/shell';
import { verbatimSource } from '../../server/src/parse/shell-source';
import { initRules } from '../rules/helpers';

const RELEASES = 'https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1';

function stages(text: string): Stage[] {
  return buildModel(parseDockerfile(text)).stages;
}

function command(script: string): ShellCommand {
  return parseShell(verbatimSource(script, { start: 0, end: script.length }), () => undefined).commands[0];
}

/** The evidence of a stage whose only RUN is `script`. */
function evidenceOf(script: string): StageEvidence {
  return stageEvidence(stages(`FROM alpine:3.20\nRUN ${script}\n`)[0]);
}

describe('model/glibc-evidence', () => {
  before(initRules);

  it('collects glibc downloads with their kind and where they land, and every apk call', () => {
    const evidence = evidenceOf(
      [
        `wget -q -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub`,
        `wget -P /tmp ${RELEASES}/glibc-2.35-r1.apk`,
        'curl -fsSLo /tmp/app.tar.gz https://example.com/app.tar.gz',
        'apk add --no-cache /tmp/glibc-2.35-r1.apk',
        'apk --no-cache add curl',
      ].join(' && '),
    );
    assert.deepEqual(
      evidence.downloads.map((d) => [d.kind, d.file.path]),
      [
        ['key', '/etc/apk/keys/sgerrand.rsa.pub'],
        ['apk', '/tmp/glibc-2.35-r1.apk'],
      ],
    );
    assert.deepEqual(evidence.downloadedFiles, [
      { path: '/etc/apk/keys/sgerrand.rsa.pub', glibc: false },
      { path: '/tmp/glibc-2.35-r1.apk', glibc: true },
      { path: '/tmp/app.tar.gz', glibc: false },
    ]);
    assert.deepEqual([...evidence.glibcApkPaths], ['/tmp/glibc-2.35-r1.apk', 'glibc-2.35-r1.apk']);
    assert.deepEqual(
      evidence.apkCalls.map((c) => isApkAdd(c.call)),
      [true, true],
    );
  });

  it('is computed once per stage', () => {
    const [stage] = stages('FROM alpine:3.20\nRUN apk add glibc\n');
    assert.equal(stageEvidence(stage), stageEvidence(stage));
  });

  it('tells glibc apk targets by package name, file name, URL or a download to that path', () => {
    const evidence = evidenceOf(`wget -O /tmp/libc.apk ${RELEASES}/glibc-bin-2.35-r1.apk && apk add glibc-i18n musl-dev /tmp/libc.apk`);
    const call = readApk(command('apk add glibc-i18n musl-dev /tmp/libc.apk ' + `${RELEASES}/glibc-2.35-r1.apk libc6-compat`))!;
    assert.deepEqual(
      call.targets.map((t) => isGlibcApkTarget(t, evidence)),
      [true, false, true, true, false],
    );
  });

  it('matches a glob only when every file it matches is a glibc download', () => {
    const evidence = evidenceOf(
      `wget -P /tmp ${RELEASES}/glibc-2.35-r1.apk ${RELEASES}/glibc-bin-2.35-r1.apk && wget -O /opt/app.apk https://example.com/app.apk`,
    );
    assert.equal(isGlibcApkPath('/tmp/*.apk', evidence), true);
    assert.equal(isGlibcApkPath('/tmp/glibc-[a-z]*.apk', evidence), true);
    assert.equal(isGlibcApkPath('/*/*.apk', evidence), false, 'it also matches /opt/app.apk');
    assert.equal(isGlibcApkPath('/srv/*.apk', evidence), false, 'it matches nothing');
    assert.equal(isGlibcApkPath('*.apk', evidenceOf(`wget ${RELEASES}/glibc-2.35-r1.apk`)), true, 'a relative glob matches by file name');
    assert.equal(isGlibcApkPath('/tmp/[c-$].apk', evidence), false, 'a range out of order is a plain [');
  });

  it('knows the apk keys directory however its slashes are written', () => {
    assert.equal(isInApkKeysDir('/etc/apk/keys'), true);
    assert.equal(isInApkKeysDir('//etc/apk//keys/x.pub'), true);
    assert.equal(isInApkKeysDir('/etc/apk/keys.d/x.pub'), false);
    assert.equal(isInApkKeysDir('/etc/apk'), false);
  });

  it("recognises glibc keys by name or URL, and sgerrand's key pasted into a command", () => {
    assert.equal(namesGlibcKey(command('x /etc/apk/keys/sgerrand.rsa.pub').args[0]), true);
    assert.equal(namesGlibcKey(command('x https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub').args[0]), true);
    assert.equal(namesGlibcKey(command('x /etc/apk/keys/mycorp.rsa.pub').args[0]), false);
    assert.equal(carriesGlibcKeyPem(command(`echo "${SGERRAND_KEY_PEM_PREFIX}" > /etc/apk/keys/k.pub`)), true);
    assert.equal(carriesGlibcKeyPem(command('echo "MIIBIjANBgkq-not-the-key" > /etc/apk/keys/k.pub')), false);
  });

  it('reads what cp, mv, install, ln and tee write, options and their values dropped', () => {
    const transfer = (script: string) => {
      const read = readFileTransfer(command(script));
      return read && { tool: read.tool, sources: read.sources.map((w) => w.value), destinations: read.destinations.map((w) => w.value) };
    };
    assert.deepEqual(transfer('cp -f a.pub b.pub /etc/apk/keys/'), {
      tool: 'cp',
      sources: ['a.pub', 'b.pub'],
      destinations: ['/etc/apk/keys/'],
    });
    assert.deepEqual(transfer('install -m 0644 k.pub /etc/apk/keys/k.pub'), {
      tool: 'install',
      sources: ['k.pub'],
      destinations: ['/etc/apk/keys/k.pub'],
    });
    assert.deepEqual(transfer('/bin/mv -t /etc/apk/keys a.pub'), { tool: 'mv', sources: ['a.pub'], destinations: ['/etc/apk/keys'] });
    assert.deepEqual(transfer('cp --target-directory=/etc/apk/keys -- -odd.pub'), {
      tool: 'cp',
      sources: ['-odd.pub'],
      destinations: ['/etc/apk/keys'],
    });
    assert.deepEqual(transfer('tee -a /etc/apk/keys/k.pub /tmp/copy'), {
      tool: 'tee',
      sources: [],
      destinations: ['/etc/apk/keys/k.pub', '/tmp/copy'],
    });
    assert.equal(transfer('cp only-one'), null);
    assert.equal(transfer('cat k.pub'), null);
  });

  it('lists the stages where Alpine-only rules apply', () => {
    const model = buildModel(parseDockerfile('FROM debian:12 AS build\nFROM alpine:3.20\nFROM frolvlad/alpine-glibc\nFROM fedora:40\n'));
    assert.deepEqual(
      alpineStages(model).map((s) => s.index),
      [1, 2],
    );
  });
});
