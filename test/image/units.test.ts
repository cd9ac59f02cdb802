// The parts of the image scan one at a time: the tar reader (chunk boundaries, pax and GNU
// long names, damaged headers), the capture of ELF facts from a stream (a dynamic section
// far past the first 64 KiB), layer application and in-image link resolution, the libc
// decision and the mapping of layers to Dockerfile instructions.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { progressReporter } from '../../server/src/cli/image';
import { MAX_JSON_TOTAL, readArchiveFrom } from '../../server/src/node/image/archive';
import { analyze } from '../../server/src/analyze';
import { mapLayersToDockerfile } from '../../server/src/model/history-mapping';
import { ImageFilesystem, LayerChanges, normalizeImagePath } from '../../server/src/model/image-files';
import { decideImageLibc } from '../../server/src/model/image-libc';
import { initAnalyzerForNode } from '../../server/src/node/init';
import { elfCapture, PREFIX, type CaptureResult } from '../../server/src/node/image/elf-capture';
import { ImageError, readLayer, ScanCounters } from '../../server/src/node/image/layer-scan';
import { readTar, TarError, type TarEntry } from '../../server/src/node/image/tar';
import type { ElfInfo } from '../../server/src/parse/elf';
import { requireTool, scratchFolder } from '../elf/toolchain';
import { tarHeader, tarOf, type LayerFile } from './build-image';

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/**
 * A layer holding node itself as usr/bin/node, streamed from disk (header, the file,
 * padding), never whole: its strings lie at 2 MB, its version needs at 7 MB, its dynamic
 * section near the end.
 */
async function* nodeLayer(): AsyncGenerator<Uint8Array> {
  const program = realpathSync(process.execPath);
  const size = statSync(program).size;
  yield tarHeader('usr/bin/node', '0', size, '', 0o755);
  for await (const chunk of createReadStream(program, { highWaterMark: 256 * 1024 })) yield chunk as Buffer;
  yield Buffer.alloc(((512 - (size % 512)) % 512) + 1024);
}

/** Every entry with its data, read with chunks of `size` bytes. */
async function entries(bytes: Uint8Array, size: number): Promise<{ entry: TarEntry; data: string }[]> {
  const out: { entry: TarEntry; data: string }[] = [];
  await readTar(chunks(bytes, size), (entry) => {
    const parts: Uint8Array[] = [];
    return { data: (c) => void parts.push(Buffer.from(c)), end: () => void out.push({ entry, data: Buffer.concat(parts).toString() }) };
  });
  return out;
}

describe('image scan units', function () {
  describe('tar reader', function () {
    const files: LayerFile[] = [
      { name: 'a/', type: 'dir' },
      { name: 'a/file', content: 'x'.repeat(700) },
      { name: `a/${'long-name-'.repeat(20)}`, content: 'long' },
      { name: 'a/link', type: 'symlink', link: `/${'target/'.repeat(20)}end` },
      { name: 'a/hard', type: 'hardlink', link: 'a/file' },
    ];

    it('gives the same entries whatever the chunk size, long names included', async function () {
      const tar = tarOf(files);
      const expected = await entries(tar, tar.length);
      assert.deepEqual(
        expected.map((e) => [e.entry.name, e.entry.type, e.entry.size, e.data.length]),
        [
          ['a/', 'dir', 0, 0],
          ['a/file', 'file', 700, 700],
          [`a/${'long-name-'.repeat(20)}`, 'file', 4, 4],
          ['a/link', 'symlink', 0, 0],
          ['a/hard', 'hardlink', 0, 0],
        ],
      );
      assert.equal(expected[3].entry.linkName, `/${'target/'.repeat(20)}end`);
      for (const size of [1, 7, 511, 512, 513, 4096]) assert.deepEqual(await entries(tar, size), expected, `chunks of ${size}`);
    });

    it('reads a GNU long name record and a base-256 size', async function () {
      const tar = tarOf([{ name: 'short', content: 'abc' }]);
      const gnu = Buffer.from(tar.subarray(0, 512));
      const longName = Buffer.from('gnu/'.repeat(40));
      gnu.fill(0, 0, 100);
      gnu.write('././@LongLink', 0);
      gnu.write('L', 156);
      gnu.write(`${longName.length.toString(8).padStart(11, '0')}\0`, 124);
      // Base-256: the high bit of the first byte, then the size big-endian.
      const sized = Buffer.from(tar.subarray(0, 512));
      sized.fill(0, 124, 136);
      sized[124] = 0x80;
      sized[135] = 3;
      for (const block of [gnu, sized]) {
        block.fill(' ', 148, 156);
        let sum = 0;
        for (const b of block) sum += b;
        block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
      }
      const padded = Buffer.alloc(512);
      longName.copy(padded);
      const archive = Buffer.concat([gnu, padded, sized, tar.subarray(512)]);
      const read = await entries(archive, 100);
      assert.deepEqual(
        read.map((e) => [e.entry.name, e.data]),
        [['gnu/'.repeat(40), 'abc']],
      );
    });

    it('takes the size from a pax record, as Go writes it for files of 8 GiB or more', async function () {
      // Go's archive/tar leaves the header's size 0 when it does not fit the octal field.
      const data = Buffer.from('y'.repeat(1300));
      const record = `${' size=1300\n'.length + 2} size=1300\n`;
      const pax = Buffer.alloc(512);
      pax.write(record);
      const block = (b: Buffer) => Buffer.concat([b, Buffer.alloc((512 - (b.length % 512)) % 512)]);
      const archive = Buffer.concat([
        tarHeader('PaxHeader', 'x', record.length, '', 0o644),
        pax,
        tarHeader('big', '0', 0, '', 0o644),
        block(data),
        tarOf([{ name: 'after', content: 'z' }]),
      ]);
      assert.deepEqual(
        (await entries(archive, 333)).map((e) => [e.entry.name, e.entry.size, e.data.length]),
        [
          ['big', 1300, 1300],
          ['after', 1, 1],
        ],
      );
    });

    it('rejects a damaged header, a truncated entry and a non-tar', async function () {
      const tar = tarOf(files);
      const damaged = Buffer.from(tar);
      damaged[512 + 10] ^= 0xff;
      // The location is the header's, whatever the chunk size.
      for (const size of [512, 700, 4096]) {
        await assert.rejects(
          entries(damaged, size),
          (e: unknown) => e instanceof TarError && /damaged tar header at byte 512\b/.test(e.message),
          `chunks of ${size}`,
        );
      }
      await assert.rejects(entries(tar.subarray(0, 1500), 512), /truncated tar: a\/file ends \d+ bytes short/);
      // a/file's 700 bytes run from 1024 to 1724; its padding runs to 2048.
      for (const size of [512, 100, 4096]) {
        await assert.rejects(
          entries(tar.subarray(0, 1800), size),
          (e: unknown) =>
            e instanceof TarError && e.message === 'truncated tar: a/file ends inside its padding, 248 bytes short, at byte 1800',
          `chunks of ${size}`,
        );
      }
      await assert.rejects(entries(Buffer.from('hello world'.repeat(100)), 512), /not a tar archive/);
    });
  });

  describe('archive reader', function () {
    it('refuses an archive whose JSON members would fill memory, naming the archive', async function () {
      // Members of 4 MiB each, every one small enough to keep, too many to keep together.
      const member = `[${'0,'.repeat(2 * 1024 * 1024 - 2)}0]`;
      const count = Math.ceil(MAX_JSON_TOTAL / member.length) + 1;
      const tar = tarOf(Array.from({ length: count }, (_, i) => ({ name: `blobs/sha256/${i}`, content: member })));
      const read = readArchiveFrom('many-json.tar', () => chunks(tar, 256 * 1024), null, new ScanCounters(1e12));
      await assert.rejects(
        read,
        (e: unknown) => e instanceof ImageError && /^many-json\.tar: its JSON members add up to more than the limit/.test(e.message),
      );
    });

    it('names the archive when its index lists an invalid digest', async function () {
      const tar = tarOf([{ name: 'index.json', content: '{"manifests":[{"digest":"sha256:../../etc/passwd"}]}' }]);
      await assert.rejects(
        readArchiveFrom('odd.tar', () => chunks(tar, 512), null, new ScanCounters(1e12)),
        (e: unknown) => e instanceof ImageError && e.message === 'odd.tar: invalid digest "sha256:../../etc/passwd"',
      );
    });

    it('keeps JSON members below the limit: a tar of them is read up to the missing manifest', async function () {
      const tar = tarOf([{ name: 'notes.json', content: '{"a":1}' }]);
      await assert.rejects(
        readArchiveFrom('one.tar', () => chunks(tar, 512), null, new ScanCounters(1e12)),
        /has no manifest\.json/,
      );
    });
  });

  describe('ELF capture while streaming', function () {
    let dir: string;
    before(function () {
      requireTool(this, 'gcc');
      dir = scratchFolder('capture');
    });
    after(() => dir && rmSync(dir, { recursive: true, force: true }));

    it('reads a dynamic section that lies far beyond the first MiB', async function () {
      // 3 MB of read-only data push .dynamic (in the writable segment) past the prefix.
      const source = join(dir, 'big.c');
      writeFileSync(source, '#include <stdio.h>\nconst char big[3000000] = {1};\nint main(void) { return puts(big); }\n');
      execFileSync('gcc', ['-o', join(dir, 'big'), source]);
      const bytes = readFileSync(join(dir, 'big'));
      const results: (ElfInfo | undefined)[] = [];
      for (const size of [bytes.length, 4096, 1000]) {
        let info: ElfInfo | undefined;
        const sink = elfCapture(bytes.length, (r) => (info = r.kind === 'read' ? r.elf : undefined));
        for await (const chunk of chunks(bytes, size)) await sink.data(chunk);
        await sink.end();
        results.push(info);
      }
      const info = results[0]!;
      assert.equal(info.problems.length, 0, info.problems.join('; '));
      assert.equal(info.interpreter, '/lib64/ld-linux-x86-64.so.2');
      assert.ok(info.needed.includes('libc.so.6'));
      assert.ok(info.versionNeeds.some((v) => v.versions.some((name) => name.startsWith('GLIBC_2.'))));
      assert.ok(bytes.length > PREFIX * 2);
      for (const other of results.slice(1)) assert.deepEqual(other, info);
    });

    it('reads a big program whose strings come before its dynamic section, in a second pass', async function () {
      let opens = 0;
      const open = () => {
        opens++;
        return nodeLayer();
      };
      const changes = await readLayer(open, 0, new ScanCounters(1e12), 'layer 1');
      const elf = changes.files.get('/usr/bin/node')?.elf;
      assert.ok(elf, 'node is read as ELF');
      assert.deepEqual(elf.problems, []);
      assert.match(elf.interpreter ?? '', /ld-linux/);
      assert.ok(elf.needed.includes('libc.so.6'), elf.needed.join(', '));
      assert.ok(elf.versionNeeds.some((v) => v.versions.some((name) => name.startsWith('GLIBC_2.'))));
      assert.equal(opens, 2, 'the strings needed a second pass');
    });

    it('leaves a big program unread once the image keeps too much for later passes', async function () {
      let opens = 0;
      const open = () => {
        opens++;
        return nodeLayer();
      };
      const counters = new ScanCounters(1e12, 1);
      const elf = (await readLayer(open, 0, counters, 'layer 1')).files.get('/usr/bin/node')?.elf;
      assert.equal(opens, 1, 'no second pass');
      assert.equal(counters.keptBytes, 0);
      assert.match(elf?.problems.join('; ') ?? '', /not read again: the image's files already keep 0 bytes for another pass/);
    });

    it('gives nothing for a file that is not ELF, after its first bytes', async function () {
      let called = 0;
      let result: CaptureResult | undefined;
      const sink = elfCapture(10, (r) => {
        called++;
        result = r;
      });
      await sink.data(Buffer.from('#!/bin/sh\n'));
      await sink.end();
      assert.equal(called, 1);
      assert.deepEqual(result, { kind: 'not-elf' });
    });
  });

  describe('layers and links', function () {
    const layer = (index: number, files: [string, Parameters<LayerChanges['add']>[1]][]): LayerChanges => {
      const changes = new LayerChanges(index);
      for (const [name, entry] of files) changes.add(name, entry);
      return changes;
    };
    const file = { type: 'file' as const, linkName: '', size: 1 };
    const dir = { type: 'dir' as const, linkName: '', size: 0 };
    const link = (target: string) => ({ type: 'symlink' as const, linkName: target, size: 0 });

    it('normalizes names inside the root', function () {
      assert.deepEqual(normalizeImagePath('./usr//bin/./x/'), { path: '/usr/bin/x', escaped: false });
      assert.deepEqual(normalizeImagePath('../../etc/passwd'), { path: '/etc/passwd', escaped: true });
      assert.deepEqual(normalizeImagePath('a/../../b'), { path: '/b', escaped: true });
    });

    it('applies whiteouts, opaque folders and a file that replaces a folder', function () {
      const fs = new ImageFilesystem();
      fs.apply(
        layer(0, [
          ['opt/', dir],
          ['opt/a', file],
          ['opt/sub/b', file],
          ['srv/', dir],
          ['srv/c', file],
          ['keep', file],
        ]),
      );
      fs.apply(
        layer(1, [
          ['opt/.wh..wh..opq', file],
          ['opt/new', file],
          ['.wh.keep', file],
          ['srv', file],
        ]),
      );
      assert.deepEqual([...fs.files.keys()].sort(), ['/opt', '/opt/new', '/srv']);
      assert.equal(fs.files.get('/srv')?.layer, 1);
    });

    it('removes a whited-out folder from below, and does work in proportion to the layers', function () {
      /** Steps taken by every Map and Set iterator while `run` runs: the work of a walk. */
      const iterationSteps = (run: () => void): number => {
        let steps = 0;
        const patched: [object, PropertyKey, unknown][] = [];
        for (const proto of [Map.prototype, Set.prototype]) {
          for (const name of ['keys', 'values', 'entries', Symbol.iterator] as PropertyKey[]) {
            const original = Reflect.get(proto, name) as (this: unknown) => Iterator<unknown>;
            patched.push([proto, name, original]);
            Reflect.set(proto, name, function (this: unknown) {
              const inner = original.call(this);
              return {
                next: () => (steps++, inner.next()),
                [Symbol.iterator]() {
                  return this;
                },
              };
            });
          }
        }
        try {
          run();
        } finally {
          for (const [proto, name, original] of patched) Reflect.set(proto, name, original);
        }
        return steps;
      };
      const work = (n: number): number => {
        const fs = new ImageFilesystem();
        const base: [string, Parameters<LayerChanges['add']>[1]][] = [];
        for (let i = 0; i < n; i++) base.push([`usr/share/doc/p${i}/README`, file]);
        fs.apply(layer(0, base));
        const gone = layer(1, []);
        for (let i = 0; i < n; i++) gone.add(`usr/share/doc/.wh.missing${i}`, file);
        for (let i = 0; i < n; i += 2) gone.add(`usr/share/doc/.wh.p${i}`, file);
        const steps = iterationSteps(() => fs.apply(gone));
        assert.equal(fs.files.size, n / 2);
        assert.equal(fs.files.has('/usr/share/doc/p0/README'), false);
        assert.equal(fs.files.has('/usr/share/doc/p1/README'), true);
        return steps;
      };
      // Whiteouts of paths that do not exist used to scan every path: 4x the layer, 16x the work.
      const small = work(500);
      const large = work(2000);
      assert.ok(large / small < 6, `work grew ${(large / small).toFixed(1)}x for 4x the layer`);
    });

    it('resolves links inside the image, relative or absolute, and gives up on loops', function () {
      const fs = new ImageFilesystem();
      fs.apply(
        layer(0, [
          ['usr/lib/x86_64-linux-gnu/ld.so', file],
          ['lib', link('usr/lib')],
          ['lib64/ld-linux-x86-64.so.2', link('/lib/x86_64-linux-gnu/ld.so')],
          ['escape', link('../../../../usr/lib/x86_64-linux-gnu/ld.so')],
          ['a', link('b')],
          ['b', link('a')],
        ]),
      );
      assert.equal(fs.resolve('/lib64/ld-linux-x86-64.so.2')?.path, '/usr/lib/x86_64-linux-gnu/ld.so');
      assert.equal(fs.resolve('/escape')?.path, '/usr/lib/x86_64-linux-gnu/ld.so');
      assert.equal(fs.resolve('/a'), undefined);
      assert.equal(fs.resolve('/missing'), undefined);
    });

    it('decides the C library from the final files', function () {
      const decide = (files: [string, Parameters<LayerChanges['add']>[1]][]) => {
        const fs = new ImageFilesystem();
        fs.apply(layer(0, files));
        const { libc, gcompat, muslLoader, bundledGlibc } = decideImageLibc(fs);
        return { libc, gcompat, muslLoader, bundledGlibc };
      };
      assert.deepEqual(decide([['lib/ld-musl-x86_64.so.1', file]]), {
        libc: 'musl',
        gcompat: false,
        muslLoader: false,
        bundledGlibc: null,
      });
      assert.deepEqual(
        decide([
          ['usr/lib/x86_64-linux-gnu/libc.so.6', file],
          ['usr/lib/x86_64-linux-musl/libc.so', file],
          ['lib/ld-musl-x86_64.so.1', link('/usr/lib/x86_64-linux-musl/libc.so')],
        ]),
        { libc: 'glibc', gcompat: false, muslLoader: true, bundledGlibc: null },
      );
      // gcompat's glibc names are links to gcompat or musl: not glibc.
      assert.deepEqual(
        decide([
          ['etc/alpine-release', file],
          ['lib/ld-musl-x86_64.so.1', file],
          ['lib/libgcompat.so.0', file],
          ['lib/ld-linux-x86-64.so.2', link('libgcompat.so.0')],
          ['lib/libc.so.6', link('ld-musl-x86_64.so.1')],
        ]),
        { libc: 'musl', gcompat: true, muslLoader: false, bundledGlibc: null },
      );
      // A libc.so.6 outside library folders (a copy in /tmp) decides nothing.
      assert.deepEqual(decide([['tmp/libc.so.6', file]]), { libc: 'none', gcompat: false, muslLoader: false, bundledGlibc: null });
    });
  });

  describe('layers to Dockerfile instructions', function () {
    before(async () => initAnalyzerForNode());

    it('matches from the end, by command text or COPY destination; earlier layers are the base', function () {
      const text = [
        'FROM debian:12 AS build',
        'RUN make',
        'FROM build AS test',
        'RUN make \\',
        '    check',
        'FROM alpine:3.20',
        'RUN apk add --no-cache \\',
        '      ca-certificates',
        'COPY --from=build /out/app /app',
        'WORKDIR /srv',
        '',
      ].join('\n');
      const model = analyze(text, { only: [] }).model;
      const origins = mapLayersToDockerfile(model, [
        'ADD file:abc /',
        'RUN apk add --no-cache ca-certificates',
        'COPY /out/app /app',
        'WORKDIR /srv',
        undefined,
      ]);
      const lines = origins.map((o) =>
        o.kind === 'unmatched' ? o.kind : `${o.kind}:${model.parsed.lines.rangeOf(o.instruction.span).start.line + 1}`,
      );
      assert.deepEqual(lines, ['base:6', 'instruction:7', 'instruction:9', 'instruction:10', 'unmatched']);
    });

    it('follows a final stage built on another stage', function () {
      const model = analyze('FROM alpine AS base\nRUN apk add curl\nFROM base\nCOPY a /a\n', { only: [] }).model;
      const origins = mapLayersToDockerfile(model, ['ADD file:x /', 'RUN apk add curl', 'COPY file:123 /a']);
      assert.deepEqual(
        origins.map((o) => o.kind),
        ['base', 'instruction', 'instruction'],
      );
    });
  });
});

describe('image scan progress', function () {
  const counters = Object.assign(new ScanCounters(1), { bytes: 12_345_678, layersDone: 2, layersTotal: 5 });
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, stderr: Object.assign(new PassThrough(), { isTTY, write: (text: string) => written.push(text) > 0 }) };
  };

  it('shows bytes and layers on a terminal after a second, and clears the line', function () {
    let now = 1000;
    const { written, stderr } = stream(true);
    const reporter = progressReporter(stderr, () => now);
    now = 1500;
    reporter.update(counters);
    assert.deepEqual(written, []);
    now = 2100;
    reporter.update(counters);
    reporter.clear();
    assert.deepEqual(written, ['\r\x1b[Kmuslcheck: reading image: 12.3 MB, 2 of 5 layers', '\r\x1b[K']);
  });

  it('writes nothing on a pipe, and nothing to clear for a fast scan', function () {
    let now = 0;
    const pipe = stream(false);
    const piped = progressReporter(pipe.stderr, () => now);
    now = 5000;
    piped.update(counters);
    piped.clear();
    assert.deepEqual(pipe.written, []);
    const terminal = stream(true);
    progressReporter(terminal.stderr, () => 0).clear();
    assert.deepEqual(terminal.written, []);
  });
});
