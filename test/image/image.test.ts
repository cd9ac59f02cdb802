// `muslcheck image`: images written by the test (real gcc, gcc -static and musl-gcc programs in
// layers the test builds), stored as docker save archives and OCI layouts, and run through the
// real bin. Hostile archives give a clear error (exit 2) or no finding, never a crash.
import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { FORMATTERS } from '../../server/src/outputs/index';
import { requireBuild, runMuslcheck, type RunResult } from '../cli/helpers';
import { compile, requireTool, scratchFolder } from '../elf/toolchain';
import {
  buildImage,
  dockerSave25Archive,
  dockerSaveArchive,
  ociArchive,
  tarOf,
  writeOciFolder,
  type ImageSpec,
  type LayerFile,
  type LayerSpec,
} from './build-image';

interface Programs {
  glibc: Buffer;
  glibcStatic: Buffer;
  musl: Buffer;
}

const ALPINE: LayerSpec = {
  createdBy: '/bin/sh -c #(nop) ADD file:0a1b2c in / ',
  files: [
    { name: 'etc/', type: 'dir' },
    { name: 'etc/alpine-release', content: '3.20.3\n' },
    { name: 'lib/', type: 'dir' },
    { name: 'lib/ld-musl-x86_64.so.1', content: 'musl loader stand-in' },
    { name: 'lib/libc.musl-x86_64.so.1', type: 'symlink', link: 'ld-musl-x86_64.so.1' },
  ],
};

const DEBIAN_LIBC: LayerFile[] = [
  { name: 'lib/', type: 'dir' },
  { name: 'lib/x86_64-linux-gnu/', type: 'dir' },
  { name: 'lib/x86_64-linux-gnu/libc.so.6', content: 'glibc stand-in' },
  { name: 'lib/x86_64-linux-gnu/ld-linux-x86-64.so.2', content: 'glibc loader stand-in' },
  { name: 'lib64/', type: 'dir' },
  { name: 'lib64/ld-linux-x86-64.so.2', type: 'symlink', link: '/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
];

const DEBIAN: LayerSpec = {
  createdBy: '/bin/sh -c #(nop) ADD file:3d4e5f in / ',
  files: [{ name: 'etc/', type: 'dir' }, { name: 'etc/debian_version', content: '12.7\n' }, ...DEBIAN_LIBC],
};

function appLayer(content: Buffer, createdBy = 'COPY app /usr/local/bin/app # buildkit', name = 'usr/local/bin/app'): LayerSpec {
  return { createdBy, files: [{ name, content }] };
}

describe('muslcheck image', function () {
  this.timeout(60000);
  let work: string;
  let programs: Programs;
  let seq = 0;

  before(function () {
    requireBuild();
    requireTool(this, 'gcc');
    requireTool(this, 'musl-gcc');
    work = scratchFolder('image');
    programs = {
      glibc: readFileSync(compile('gcc', [], work, 'glibc-app')),
      glibcStatic: readFileSync(compile('gcc', ['-static'], work, 'static-app')),
      musl: readFileSync(compile('musl-gcc', [], work, 'musl-app')),
    };
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  /** Writes bytes to a fresh file of the work folder. */
  function file(bytes: Uint8Array | string, suffix = '.tar'): string {
    const path = join(work, `image-${seq++}${suffix}`);
    writeFileSync(path, bytes);
    return path;
  }
  function scan(target: string, ...args: string[]): RunResult {
    return runMuslcheck(['image', ...args, target], { cwd: work });
  }
  function saved(spec: ImageSpec, ...args: string[]): RunResult {
    return scan(file(dockerSaveArchive(buildImage(spec))), ...args);
  }
  function json(result: RunResult): { code: string; message: string; line: number; file: string }[] {
    return JSON.parse(result.stdout) as { code: string; message: string; line: number; file: string }[];
  }

  describe('storage formats', function () {
    const spec = (): ImageSpec => ({ layers: [ALPINE, { ...appLayer(programs.glibc), gzip: true }] });
    const expectFinding = (result: RunResult, target: string) => {
      assert.equal(result.status, 1, result.stderr);
      assert.equal(result.stderr, '');
      assert.match(
        result.stdout,
        new RegExp(`^${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:1:1: warning \\[MC2005\\] \`/usr/local/bin/app\``),
      );
      assert.match(result.stdout, /linked against glibc \(interpreter \/lib64\/ld-linux-x86-64\.so\.2, needs GLIBC_2\.\d+\)/);
      assert.match(result.stdout, /under the image's musl \(\/etc\/alpine-release and \/lib\/ld-musl-x86_64\.so\.1\)/);
      assert.match(result.stdout, /layer 2 \([0-9a-f]{12}, made by `COPY app \/usr\/local\/bin\/app # buildkit`\)/);
    };

    it('reads a docker save archive with a gzip layer', function () {
      const target = file(dockerSaveArchive(buildImage(spec())));
      expectFinding(scan(target), target);
    });

    it('reads a gzip-compressed docker save archive', function () {
      const target = file(dockerSaveArchive(buildImage(spec()), { gzip: true }), '.tar.gz');
      expectFinding(scan(target), target);
    });

    it("reads docker 25's archive: an OCI layout with manifest.json and layer.tar links", function () {
      const image = buildImage(spec());
      const target = file(dockerSave25Archive(image));
      expectFinding(scan(target), target);
      assert.match(scan(target).stdout, new RegExp(`layer 2 \\(${image.layers[1].digest.slice(7, 19)},`));
    });

    it('reads an archive from standard input: docker save app | gzip | muslcheck image -', function () {
      const archive = dockerSaveArchive(buildImage(spec()), { gzip: true });
      const result = runMuslcheck(['image', '-'], { cwd: work, input: archive });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stdout, /^<stdin>:1:1: warning \[MC2005\] `\/usr\/local\/bin\/app` is linked against glibc/);
      const empty = runMuslcheck(['image', '-'], { cwd: work, input: '' });
      assert.equal(empty.status, 2);
      assert.match(empty.stderr, /<stdin> is empty: not a tar archive/);
    });

    it('reads an OCI image layout as a tar and as a folder', function () {
      const image = buildImage(spec());
      const tar = file(ociArchive(image));
      expectFinding(scan(tar), tar);
      const folder = join(work, `oci-${seq++}`);
      writeOciFolder(image, folder);
      expectFinding(scan(folder), folder);
    });

    it('names the layer by the digest of its blob in an OCI layout', function () {
      const image = buildImage(spec());
      const result = scan(file(ociArchive(image)));
      assert.match(result.stdout, new RegExp(`layer 2 \\(${image.layers[1].digest.slice(7, 19)},`));
    });

    it('prints every output format, JSON and SARIF among them', function () {
      const target = file(dockerSaveArchive(buildImage(spec())));
      const asJson = json(scan(target, '--format', 'json'));
      assert.deepEqual(
        asJson.map((f) => [f.file, f.code, f.line]),
        [[target, 'MC2005', 1]],
      );
      assert.match(asJson[0].message, /`\/usr\/local\/bin\/app` is linked against glibc/);
      const sarif = JSON.parse(scan(target, '--format', 'sarif').stdout) as {
        runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[];
      };
      assert.equal(sarif.runs[0].results[0].ruleId, 'MC2005');
      assert.match(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, /image-\d+\.tar$/);
    });

    it('prints the finding in every format the CLI offers, with exit 1', function () {
      const target = file(dockerSaveArchive(buildImage(spec())));
      for (const format of FORMATTERS.map((f) => f.name)) {
        const result = scan(target, '--format', format);
        assert.equal(result.status, 1, `${format}: ${result.stderr}`);
        assert.match(result.stdout, /MC2005/, format);
        assert.match(result.stdout, /\/usr\/local\/bin\/app/, format);
      }
    });

    it('honours --ignore, --no-fail and the failure threshold like lint', function () {
      const target = file(dockerSaveArchive(buildImage(spec())));
      const ignored = scan(target, '--ignore', 'MC2005');
      assert.equal(ignored.status, 0);
      assert.equal(ignored.stdout, '');
      assert.equal(scan(target, '--no-fail').status, 0);
      assert.equal(scan(target, '--failure-threshold', 'error').status, 0);
    });
  });

  describe('layers', function () {
    it('a whiteout deletes a file of a lower layer', function () {
      const result = saved({
        layers: [
          ALPINE,
          appLayer(programs.glibc),
          { createdBy: 'RUN rm /usr/local/bin/app', files: [{ name: 'usr/local/bin/.wh.app', content: '' }] },
        ],
      });
      assert.equal(result.status, 0, result.stdout);
      assert.equal(result.stdout, '');
    });

    it('an opaque folder hides what lower layers had in it, not what its own layer adds', function () {
      const result = saved({
        layers: [
          ALPINE,
          appLayer(programs.glibc, 'COPY old /opt/tool/old', 'opt/tool/old'),
          {
            createdBy: 'RUN rm -rf /opt/tool && mkdir /opt/tool && cp /tmp/new /opt/tool/new',
            files: [
              { name: 'opt/tool/', type: 'dir' },
              { name: 'opt/tool/.wh..wh..opq', content: '' },
              { name: 'opt/tool/new', content: programs.glibc },
            ],
          },
        ],
      });
      assert.equal(result.status, 1);
      assert.doesNotMatch(result.stdout, /\/opt\/tool\/old/);
      assert.match(result.stdout, /`\/opt\/tool\/new`.*layer 3/);
    });

    it('a glibc file added in layer 2 and deleted in layer 3 leaves the image clean', function () {
      const result = saved({
        layers: [
          ALPINE,
          { ...appLayer(programs.glibc, 'COPY bin/ /opt/bin/', 'opt/bin/app'), gzip: true },
          { createdBy: 'RUN rm -rf /opt/bin', files: [{ name: 'opt/.wh.bin', content: '' }] },
        ],
      });
      assert.equal(result.status, 0, result.stdout);
      assert.equal(result.stdout, '');
    });

    it('a hard link to a glibc program is judged as the program', function () {
      const result = saved({
        layers: [
          ALPINE,
          {
            createdBy: 'COPY app /usr/bin/',
            files: [
              { name: 'usr/bin/app', content: programs.glibc },
              { name: 'usr/bin/app-link', type: 'hardlink', link: 'usr/bin/app' },
            ],
          },
        ],
      });
      assert.match(result.stdout, /`\/usr\/bin\/app`/);
      assert.match(result.stdout, /`\/usr\/bin\/app-link`/);
    });
  });

  describe('C library of the image', function () {
    it('alpine with a glibc program: a finding', function () {
      assert.equal(saved({ layers: [ALPINE, appLayer(programs.glibc)] }).status, 1);
    });

    it('alpine with gcompat: the glibc program is clean', function () {
      const gcompat: LayerSpec = {
        createdBy: 'RUN apk add --no-cache gcompat',
        files: [
          { name: 'lib/libgcompat.so.0', content: 'gcompat stand-in' },
          { name: 'lib/ld-linux-x86-64.so.2', type: 'symlink', link: 'libgcompat.so.0' },
          { name: 'lib/libc.so.6', type: 'symlink', link: 'libc.musl-x86_64.so.1' },
        ],
      };
      const result = saved({ layers: [ALPINE, gcompat, appLayer(programs.glibc)] });
      assert.equal(result.status, 0, result.stdout);
      assert.equal(result.stdout, '');
    });

    it('alpine with glibc bolted on: the finding says so', function () {
      const bolted: LayerSpec = {
        createdBy: 'RUN apk add --allow-untrusted glibc-2.35-r1.apk',
        files: [
          { name: 'usr/glibc-compat/lib/ld-linux-x86-64.so.2', content: 'glibc loader stand-in' },
          { name: 'lib64/ld-linux-x86-64.so.2', type: 'symlink', link: '/usr/glibc-compat/lib/ld-linux-x86-64.so.2' },
        ],
      };
      const result = saved({ layers: [ALPINE, bolted, appLayer(programs.glibc)] });
      assert.equal(result.status, 1);
      assert.match(result.stdout, /glibc is bolted on at \/usr\/glibc-compat\/lib\/ld-linux-x86-64\.so\.2/);
    });

    it('debian with a musl program: a finding; with a glibc or static one: clean', function () {
      const musl = saved({ layers: [DEBIAN, appLayer(programs.musl)] });
      assert.equal(musl.status, 1);
      assert.match(
        musl.stdout,
        /`\/usr\/local\/bin\/app` is linked against musl \(interpreter \/lib\/ld-musl-x86_64\.so\.1\) under the image's glibc/,
      );
      assert.equal(saved({ layers: [DEBIAN, appLayer(programs.glibc)] }).stdout, '');
      assert.equal(saved({ layers: [DEBIAN, appLayer(programs.glibcStatic)] }).stdout, '');
    });

    it('an older glibc image (libc-2.31.so) with a program built on a newer glibc: a finding', function () {
      const bullseye: LayerSpec = {
        ...DEBIAN,
        files: [...DEBIAN.files, { name: 'lib/x86_64-linux-gnu/libc-2.31.so', content: 'glibc 2.31' }],
      };
      const result = saved({ layers: [bullseye, appLayer(programs.glibc)] });
      const needed = /needs (GLIBC_2\.\d+)/.exec(saved({ layers: [ALPINE, appLayer(programs.glibc)] }).stdout)?.[1];
      if (needed && Number(needed.split('.')[1]) <= 31) {
        assert.equal(result.status, 0, `this machine's gcc builds for ${needed}, which 2.31 provides`);
        return;
      }
      assert.equal(result.status, 1);
      assert.match(result.stdout, /is built against a newer glibc \(needs GLIBC_2\.\d+\) than the image's glibc .*which is GLIBC_2\.31/);
    });

    it('distroless (glibc, no shell): a musl program is a finding, a glibc one is clean', function () {
      const distroless: LayerSpec = { createdBy: 'bazel build //base:debian12', files: DEBIAN_LIBC };
      assert.equal(saved({ layers: [distroless, appLayer(programs.glibc)] }).status, 0);
      const result = saved({ layers: [distroless, appLayer(programs.musl)] });
      assert.equal(result.status, 1);
      assert.match(result.stdout, /linked against musl/);
    });

    it('distroless static (no C library): a dynamic program is a finding, a static one is clean', function () {
      const empty: LayerSpec = {
        createdBy: 'bazel build //static:debian12',
        files: [{ name: 'etc/passwd', content: 'root:x:0:0::/root:/sbin/nologin\n' }],
      };
      const result = saved({ layers: [empty, appLayer(programs.glibc)] });
      assert.equal(result.status, 1);
      assert.match(result.stdout, /dynamically linked \(interpreter \/lib64\/ld-linux-x86-64\.so\.2\) in an image with no C library/);
      assert.equal(saved({ layers: [empty, appLayer(programs.glibcStatic)] }).stdout, '');
    });
  });

  describe('--dockerfile', function () {
    const dockerfile = [
      'FROM golang:1.22 AS build',
      'RUN go build -o /out/app .',
      '',
      'FROM alpine:3.20',
      'RUN apk add --no-cache ca-certificates',
      'COPY --from=build /out/app /usr/local/bin/app',
      'CMD ["app"]',
      '',
    ].join('\n');

    it('puts the finding on the instruction that made the layer', function () {
      const path = file(dockerfile, '.Dockerfile');
      const result = saved(
        {
          layers: [
            ALPINE,
            {
              createdBy: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit',
              files: [{ name: 'etc/ssl/cert.pem', content: 'x' }],
            },
            appLayer(programs.glibc, 'COPY /out/app /usr/local/bin/app # buildkit'),
          ],
          emptySteps: [{ before: 1, createdBy: '/bin/sh -c #(nop)  CMD ["/bin/sh"]' }],
        },
        '--dockerfile',
        path,
      );
      assert.equal(result.status, 1);
      assert.match(result.stdout, new RegExp(`^${path.replace(/[.]/g, '\\.')}:6:1: warning \\[MC2005\\]`));
    });

    it('a file from a base image layer goes on the final FROM, and says so', function () {
      const path = file(dockerfile, '.Dockerfile');
      const base: LayerSpec = { ...ALPINE, files: [...ALPINE.files, { name: 'usr/bin/tool', content: programs.glibc }] };
      const result = saved(
        {
          layers: [
            base,
            { createdBy: 'RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit', files: [] },
            appLayer(programs.glibcStatic, 'COPY /out/app /usr/local/bin/app # buildkit'),
          ],
        },
        '--dockerfile',
        path,
      );
      assert.match(result.stdout, /:4:1: warning \[MC2005\] `\/usr\/bin\/tool`.*part of the base image/);
    });

    it('a missing Dockerfile is an error with exit 2 before the image is read', function () {
      const result = scan(file('not an image'), '--dockerfile', join(work, 'no-such.Dockerfile'));
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^muslcheck: .*no-such\.Dockerfile: .*\n$/);
    });

    it('an image whose history matches no instruction: line 1, with a note', function () {
      const path = file('FROM alpine:3.20\nRUN echo unrelated\n', '.Dockerfile');
      const result = saved({ layers: [ALPINE, appLayer(programs.glibc, 'COPY something /elsewhere')] }, '--dockerfile', path);
      assert.match(result.stdout, /:1:1: warning \[MC2005\].*No instruction of the Dockerfile matches that layer/);
    });
  });

  describe('hostile input', function () {
    it('a truncated ELF file and one with offsets past its end give no finding and no crash', function () {
      const truncated = programs.glibc.subarray(0, 40);
      const pastEnd = Buffer.from(programs.glibc.subarray(0, 4096));
      // e_phoff (64-bit, offset 32) and e_shoff (offset 40) far beyond the file.
      pastEnd.writeBigUInt64LE(0x7fff_ffffn, 32);
      pastEnd.writeBigUInt64LE(0x7fff_ffff_ffffn, 40);
      const result = saved({
        layers: [
          ALPINE,
          {
            createdBy: 'COPY broken /',
            files: [
              { name: 'truncated', content: truncated },
              { name: 'past-end', content: pastEnd },
            ],
          },
        ],
      });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, '');
      assert.equal(result.stderr, '');
    });

    it('../ names stay inside the image, and absolute links are never followed outside it', function () {
      // On this machine /lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 may exist: a link to it must
      // not make the musl image look like glibc.
      const result = saved({
        layers: [
          ALPINE,
          {
            createdBy: 'COPY app /',
            files: [
              { name: '../../../usr/local/bin/app', content: programs.glibc },
              { name: 'lib64/ld-linux-x86-64.so.2', type: 'symlink', link: '../../../../../../lib/x86_64-linux-gnu/ld-linux-x86-64.so.2' },
              { name: 'lib/libc.so.6', type: 'symlink', link: '/lib/x86_64-linux-gnu/libc.so.6' },
              { name: 'loop', type: 'symlink', link: 'loop' },
            ],
          },
        ],
      });
      assert.equal(result.status, 1);
      assert.match(result.stdout, /`\/usr\/local\/bin\/app` is linked against glibc/);
      assert.doesNotMatch(result.stdout, /bolted/);
      assert.match(result.stderr, /1 layer entry names a path above the root \('\.\.'\); read as inside the image/);
    });

    it('a decompression bomb stops at the byte bound with exit 2', function () {
      const bomb = gzipSync(tarOf([{ name: 'zeros', content: Buffer.alloc(32 * 1024 * 1024) }]));
      assert.ok(bomb.length < 100 * 1024, 'the bomb is small when compressed');
      const image = buildImage({ layers: [ALPINE] });
      // Swap the layer for the bomb: the scanner trusts neither sizes nor digests of a local archive.
      image.layers[0] = { ...image.layers[0], stored: bomb };
      const result = scan(file(dockerSaveArchive(image)), '--max-image-bytes', String(4 * 1024 * 1024));
      assert.equal(result.status, 2);
      assert.match(
        result.stderr,
        /expands past the limit of 4194304 uncompressed bytes for one image \(a decompression bomb, or raise --max-image-bytes\)/,
      );
    });

    it('a truncated archive is an error with exit 2', function () {
      const whole = dockerSaveArchive(buildImage({ layers: [ALPINE, appLayer(programs.glibc)] }));
      const result = scan(file(whole.subarray(0, 5000)));
      assert.equal(result.status, 2);
      assert.match(result.stderr, /^muslcheck: .*truncated tar/);
      assert.doesNotMatch(result.stderr, /at .*\.js:\d+/);
    });

    it('a tar that is not an image, a missing file and a file that is not a tar are errors with exit 2', function () {
      const notImage = scan(file(tarOf([{ name: 'README', content: 'hello' }])));
      assert.equal(notImage.status, 2);
      assert.match(
        notImage.stderr,
        /is a tar archive of 1 members but not an image: it has no manifest\.json \(docker save\) or index\.json \(OCI image layout\)/,
      );
      const missing = scan(join(work, 'no-such-image.tar'));
      assert.equal(missing.status, 2);
      assert.match(missing.stderr, /no-such-image\.tar: no such file or folder\n$/);
      const notTar = scan(file('FROM alpine\n'.repeat(100), '.txt'));
      assert.equal(notTar.status, 2);
      assert.match(notTar.stderr, /not a tar archive/);
    });
  });

  describe('command line', function () {
    it('./image is still a path to lint; image alone wants a target', function () {
      writeFileSync(join(work, 'image'), 'FROM frolvlad/alpine-glibc\n');
      const lint = runMuslcheck(['./image'], { cwd: work });
      assert.equal(lint.status, 1);
      assert.match(lint.stdout, /^\.\/image:1:\d+: .*\[MC1001\]/);
      const usage = runMuslcheck(['image'], { cwd: work });
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /'muslcheck image' takes one image/);
      const misplaced = runMuslcheck(['--dockerfile', 'Dockerfile', '.'], { cwd: work });
      assert.equal(misplaced.status, 2);
      assert.match(misplaced.stderr, /--dockerfile belongs to 'muslcheck image TARGET'/);
    });

    it('image --help and image -h print the help, whatever follows', function () {
      for (const args of [
        ['image', '--help'],
        ['image', '-h'],
        ['image', '--help', 'a.tar', 'b.tar'],
      ]) {
        const help = runMuslcheck(args, { cwd: work });
        assert.deepEqual([help.status, help.stderr], [0, ''], args.join(' '));
        assert.match(help.stdout, /muslcheck image/, args.join(' '));
      }
    });
  });
});
