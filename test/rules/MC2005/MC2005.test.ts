// MC2005 foreign-libc-binary-in-image: the judgement of a built image's final files, given
// the facts the scanner collects (hand-built ELF files read by the real reader, applied as
// layers). The scanner end to end is in test/image/; here positives, near-misses, the
// grouping of shared libraries, and the Dockerfile text that never raises it alone.
import { strict as assert } from 'node:assert';
import { analyze } from '../../../server/src/analyze';
import { ImageFilesystem, LayerChanges } from '../../../server/src/model/image-files';
import { decideImageLibc } from '../../../server/src/model/image-libc';
import { initAnalyzerForNode } from '../../../server/src/node/init';
import { bytesSource, readElf } from '../../../server/src/parse/elf';
import { imageFindings } from '../../../server/src/rules/mc2005-foreign-libc-binary-in-image';
import { buildElf, type ElfSpec } from '../../elf/build-elf';

const GLIBC_PROGRAM: ElfSpec = {
  bits: 64,
  endian: 'little',
  interpreter: '/lib64/ld-linux-x86-64.so.2',
  needed: ['libc.so.6'],
  versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34'] }],
};
const OLD_GLIBC_PROGRAM: ElfSpec = { ...GLIBC_PROGRAM, versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.17'] }] };
const MUSL_PROGRAM: ElfSpec = { bits: 64, endian: 'little', interpreter: '/lib/ld-musl-x86_64.so.1', needed: ['libc.musl-x86_64.so.1'] };
const STATIC_PROGRAM: ElfSpec = { bits: 64, endian: 'little', type: 2 };
const GLIBC_LIBRARY: ElfSpec = { bits: 64, endian: 'little', needed: ['libc.so.6'], soname: 'libfoo.so.1' };

type Content = ElfSpec | string;

/** Facts of an image of these layers (path -> ELF spec or text). */
function image(layers: Record<string, Content>[], platform: string | null = 'linux/amd64') {
  const fs = new ImageFilesystem();
  layers.forEach((files, index) => {
    const changes = new LayerChanges(index);
    for (const [path, content] of Object.entries(files)) {
      const elf = typeof content === 'string' ? undefined : readElf(bytesSource(buildElf(content)));
      changes.add(path, { type: 'file', linkName: '', size: 1, ...(elf ? { elf } : {}) });
    }
    fs.apply(changes);
  });
  const layerInfo = layers.map((_, index) => ({ index, digest: `sha256:${String(index).repeat(64)}`, createdBy: `RUN step ${index + 1}` }));
  return { fs, libc: decideImageLibc(fs), platform, layers: layerInfo };
}

const ALPINE = { 'etc/alpine-release': '3.20.3', 'lib/ld-musl-x86_64.so.1': 'musl loader' };
const DEBIAN = { 'lib/x86_64-linux-gnu/libc.so.6': 'glibc', 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2': 'loader' };

function messages(layers: Record<string, Content>[], platform?: string | null): string[] {
  return imageFindings(image(layers, platform)).map((f) => f.message);
}

describe('MC2005 foreign-libc-binary-in-image', function () {
  describe('reports', function () {
    it('a glibc program on musl, with its highest GLIBC version and layer', function () {
      const [message, ...rest] = messages([ALPINE, { 'usr/bin/app': GLIBC_PROGRAM }]);
      assert.equal(rest.length, 0);
      assert.match(
        message,
        /^`\/usr\/bin\/app` is linked against glibc \(interpreter \/lib64\/ld-linux-x86-64\.so\.2, needs GLIBC_2\.34\)/,
      );
      assert.match(message, /gcompat may not be enough: it needs GLIBC_2\.34/);
      assert.match(message, /It comes from layer 2 \(111111111111, made by `RUN step 2`\)\.$/);
    });

    it('an old glibc program on musl, saying gcompat should run it', function () {
      const [message] = messages([ALPINE, { 'usr/bin/app': OLD_GLIBC_PROGRAM }]);
      assert.match(message, /or install gcompat \(`apk add --no-cache gcompat`\), which should run it: it needs GLIBC_2\.17 at most/);
    });

    it('a musl program on glibc, and a dynamic program without any C library', function () {
      assert.match(messages([DEBIAN, { app: MUSL_PROGRAM }])[0], /linked against musl .* which has no musl loader/);
      assert.match(messages([{ 'etc/passwd': 'root' }, { app: GLIBC_PROGRAM }])[0], /in an image with no C library/);
    });

    it('a glibc program newer than the glibc 2.33-or-older release the image names in a file', function () {
      const bullseye = { ...DEBIAN, 'lib/x86_64-linux-gnu/libc-2.31.so': 'glibc 2.31' };
      const [message, ...rest] = messages([bullseye, { app: GLIBC_PROGRAM }]);
      assert.equal(rest.length, 0);
      assert.match(
        message,
        /^`\/app` is built against a newer glibc \(needs GLIBC_2\.34\) than the image's glibc \([^)]+\), which is GLIBC_2\.31: it fails with "version 'GLIBC_2\.34' not found"/,
      );
      assert.deepEqual(messages([bullseye, { app: OLD_GLIBC_PROGRAM }]), []);
      // Without the versioned file (glibc 2.34 and later) the release is unknown: no verdict on it.
      assert.deepEqual(messages([DEBIAN, { app: GLIBC_PROGRAM }]), []);
    });

    it('a program for another machine than the image', function () {
      assert.match(
        messages([DEBIAN, { app: { ...GLIBC_PROGRAM, machine: 183 } }])[0],
        /`\/app` is an AArch64 file in an image for linux\/amd64/,
      );
    });

    it('the glibc libraries of one folder as one finding', function () {
      const libraries = Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((n) => [`usr/glibc-compat/lib/lib${n}.so.1`, GLIBC_LIBRARY]));
      const found = messages([ALPINE, libraries]);
      assert.equal(found.length, 1);
      assert.match(
        found[0],
        /^5 shared libraries \(`\/usr\/glibc-compat\/lib\/liba\.so\.1`, `[^`]+`, `[^`]+`, and 2 more\) are linked against glibc/,
      );
    });

    it('the glibc build of a per-libc npm package only when its musl build is absent', function () {
      const app = 'app/node_modules/@swc';
      const both = { [`${app}/core-linux-x64-gnu/swc.node`]: GLIBC_LIBRARY, [`${app}/core-linux-x64-musl/swc.node`]: MUSL_PROGRAM };
      assert.deepEqual(messages([ALPINE, both]), []);
      const alone = messages([ALPINE, { [`${app}/core-linux-x64-gnu/swc.node`]: GLIBC_LIBRARY }]);
      assert.equal(alone.length, 1);
      assert.match(alone[0], /^the shared library `\/app\/node_modules\/@swc\/core-linux-x64-gnu\/swc\.node` is linked against glibc/);
    });

    it('a bolted-on glibc as one finding for its folder, and the programs that use it each', function () {
      const bolted = {
        'usr/glibc-compat/lib/ld-linux-x86-64.so.2': { ...STATIC_PROGRAM, type: 3 },
        'usr/glibc-compat/lib/libc.so.6': GLIBC_PROGRAM,
        'usr/glibc-compat/lib/libm.so.6': GLIBC_LIBRARY,
        'usr/glibc-compat/sbin/ldconfig': GLIBC_PROGRAM,
        'lib64/ld-linux-x86-64.so.2': 'link stand-in',
      };
      const found = messages([ALPINE, bolted, { 'usr/bin/app': GLIBC_PROGRAM }]);
      assert.equal(found.length, 2, found.join('\n'));
      const [copy, program] = found[0].includes('holds a glibc') ? found : [found[1], found[0]];
      assert.match(
        copy,
        /^`\/usr\/glibc-compat` holds a glibc of its own \(3 ELF files linked against it, such as `\/usr\/glibc-compat\/lib\/libc\.so\.6`\) bolted onto the image's musl .* It comes from layer 2/,
      );
      assert.match(program, /^`\/usr\/bin\/app` is linked against glibc .*it runs only on the glibc copy bolted onto musl/);
    });
  });

  describe('near-misses (clean)', function () {
    const clean: [string, Record<string, Content>[]][] = [
      ['a musl program on musl', [ALPINE, { app: MUSL_PROGRAM }]],
      ['a glibc program on glibc', [DEBIAN, { app: GLIBC_PROGRAM }]],
      ['a static program anywhere', [ALPINE, { a: STATIC_PROGRAM }]],
      ['a glibc program on musl with gcompat', [{ ...ALPINE, 'lib/libgcompat.so.0': 'gcompat' }, { app: GLIBC_PROGRAM }]],
      ['a musl program on glibc with musl installed', [{ ...DEBIAN, 'lib/ld-musl-x86_64.so.1': 'musl' }, { app: MUSL_PROGRAM }]],
      [
        'a script and a text file that mention glibc',
        [ALPINE, { 'usr/bin/run': '#!/bin/sh\nexec /lib64/ld-linux-x86-64.so.2 app', README: 'needs glibc' }],
      ],
      ['a file named libc.so.6 that is no ELF, outside library folders', [ALPINE, { 'opt/libc.so.6': 'not elf' }]],
      ['a program whose C library the image does not say, without a platform', [{}, { app: GLIBC_LIBRARY }]],
    ];
    for (const [name, layers] of clean) {
      it(name, function () {
        assert.deepEqual(messages(layers), []);
      });
    }

    it('an image of unknown platform judges no machine', function () {
      assert.deepEqual(messages([DEBIAN, { app: { ...GLIBC_PROGRAM, machine: 183 } }], null), []);
    });
  });

  describe('Dockerfile text', function () {
    before(async () => initAnalyzerForNode());

    it('never raises MC2005: only muslcheck image reads the files', function () {
      const result = analyze('FROM alpine:3.20\nCOPY app-linux-gnu /usr/local/bin/app\n');
      assert.deepEqual(
        result.findings.filter((f) => f.code === 'MC2005'),
        [],
      );
    });
  });
});
