// The ELF reader on real binaries built by gcc and musl-gcc, and on hand-built files of every
// class and byte order, truncated and hostile ones included.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bytesSource, readElf, readElfAsync, type ByteSource, type ElfInfo } from '../../server/src/parse/elf';
import fc from 'fast-check';
import { hostileElf } from '../fuzz/elf-arbitraries';
import { buildElf } from './build-elf';
import { compile, requireTool, scratchFolder } from './toolchain';

/** A source over a file's bytes that counts what it hands out. */
function countingSource(bytes: Uint8Array): ByteSource & { served: number } {
  const inner = bytesSource(bytes);
  const source = {
    served: 0,
    read(offset: number, length: number) {
      const out = inner.read(offset, length);
      source.served += out?.length ?? 0;
      return out;
    },
  };
  return source;
}

function read(bytes: Uint8Array): ElfInfo {
  const info = readElf(bytesSource(bytes));
  assert.ok(info, 'not read as ELF');
  return info;
}

describe('ELF reader: real binaries', function () {
  let dir: string;
  before(function () {
    requireTool(this, 'gcc');
    dir = scratchFolder('elf');
  });

  it('gcc, dynamic: the glibc loader, libc.so.6 and its GLIBC versions, reading a few KB', () => {
    const bytes = readFileSync(compile('gcc', [], dir, 'dynamic'));
    const source = countingSource(bytes);
    const info = readElf(source)!;
    assert.equal(info.bits, 64);
    assert.equal(info.endian, 'little');
    assert.equal(info.machineName, 'x86-64');
    assert.equal(info.linking, 'dynamic');
    assert.equal(info.interpreter, '/lib64/ld-linux-x86-64.so.2');
    assert.deepEqual(info.needed, ['libc.so.6']);
    const libc = info.versionNeeds.find((v) => v.file === 'libc.so.6');
    assert.ok(libc?.versions.includes('GLIBC_2.2.5'), JSON.stringify(info.versionNeeds));
    assert.deepEqual(info.problems, []);
    assert.ok(source.served < 16 * 1024 && source.served < bytes.length, `read ${source.served} of ${bytes.length} bytes`);
  });

  it('gcc -static: static, no interpreter', () => {
    const info = read(readFileSync(compile('gcc', ['-static'], dir, 'static')));
    assert.equal(info.linking, 'static');
    assert.equal(info.interpreter, null);
    assert.deepEqual(info.needed, []);
  });

  it('gcc -static-pie: static-pie', () => {
    const info = read(readFileSync(compile('gcc', ['-static-pie'], dir, 'static-pie')));
    assert.equal(info.linking, 'static-pie');
    assert.equal(info.interpreter, null);
  });

  it('gcc -shared: a shared library needing libc.so.6', () => {
    const info = read(readFileSync(compile('gcc', ['-shared', '-fPIC', '-Wl,-soname,libanswer.so.1'], dir, 'libanswer.so', true)));
    assert.equal(info.linking, 'shared-library');
    assert.equal(info.soname, 'libanswer.so.1');
    assert.deepEqual(info.needed, ['libc.so.6']);
  });

  it('musl-gcc, dynamic and static', function () {
    requireTool(this, 'musl-gcc');
    const dynamic = read(readFileSync(compile('musl-gcc', [], dir, 'musl-dynamic')));
    assert.equal(dynamic.linking, 'dynamic');
    assert.match(dynamic.interpreter ?? '', /^\/lib\/ld-musl-x86_64\.so\.1$/);
    assert.deepEqual(dynamic.versionNeeds, []);
    assert.equal(read(readFileSync(compile('musl-gcc', ['-static'], dir, 'musl-static'))).linking, 'static');
  });

  it('the asynchronous adapter gives the same facts from a few small reads', async () => {
    const bytes = readFileSync(compile('gcc', [], dir, 'async'));
    let reads = 0;
    const info = await readElfAsync(async (offset, length) => {
      reads++;
      return bytes.subarray(offset, offset + length);
    });
    assert.deepEqual(info, { ...read(bytes), bytesRequested: info!.bytesRequested });
    assert.ok(reads > 1 && reads < 20, `${reads} reads`);
  });
});

describe('ELF reader: hand-built files', () => {
  const spec = {
    interpreter: '/lib/ld-linux-aarch64.so.1',
    needed: ['libstdc++.so.6', 'libc.so.6'],
    soname: 'libx.so',
    versionNeeds: [
      { file: 'libstdc++.so.6', versions: ['GLIBCXX_3.4'] },
      { file: 'libc.so.6', versions: ['GLIBC_2.17', 'GLIBC_2.34'] },
    ],
  };
  for (const bits of [32, 64] as const) {
    for (const endian of ['little', 'big'] as const) {
      it(`${bits}-bit ${endian}-endian: every field`, () => {
        const info = read(buildElf({ bits, endian, machine: 183, ...spec }));
        assert.equal(info.bits, bits);
        assert.equal(info.endian, endian);
        assert.equal(info.machineName, 'AArch64');
        assert.equal(info.interpreter, spec.interpreter);
        assert.deepEqual(info.needed, spec.needed);
        assert.equal(info.soname, 'libx.so');
        assert.deepEqual(info.versionNeeds, spec.versionNeeds);
        assert.equal(info.linking, 'dynamic');
        assert.deepEqual(info.problems, []);
      });
    }
  }

  it('type and dynamic section decide static, static-pie and shared-library', () => {
    assert.equal(read(buildElf({ bits: 64, endian: 'little', type: 2 })).linking, 'static');
    assert.equal(read(buildElf({ bits: 64, endian: 'little', type: 3, pie: true })).linking, 'static-pie');
    assert.equal(read(buildElf({ bits: 64, endian: 'little', type: 3, needed: ['libc.so.6'] })).linking, 'shared-library');
    assert.equal(read(buildElf({ bits: 64, endian: 'little', type: 1 })).linking, 'object');
    assert.equal(read(buildElf({ bits: 64, endian: 'little', type: 4 })).linking, 'other');
  });

  it('not ELF: undefined', () => {
    assert.equal(readElf(bytesSource(Buffer.from('#!/bin/sh\necho hi\n'))), undefined);
    assert.equal(readElf(bytesSource(new Uint8Array(0))), undefined);
    assert.equal(readElf(bytesSource(Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 3, 1]))), undefined, 'bad class');
  });

  it('every truncation gives undefined or a partial result, never an exception', () => {
    const whole = buildElf({ bits: 64, endian: 'big', ...spec });
    let partial = 0;
    for (let length = 0; length < whole.length; length++) {
      const info = readElf(bytesSource(whole.subarray(0, length)));
      if (length < 64) assert.equal(info, undefined, `length ${length}`);
      else {
        assert.ok(info);
        if (info.problems.length) partial++;
        assert.ok(
          info.problems.every((p) => /past the end|not a terminated|out of range|no loaded segment/.test(p)),
          info.problems.join(),
        );
      }
    }
    assert.ok(partial > 0);
  });

  it('hostile counts and offsets are bounded', () => {
    const bytes = buildElf({ bits: 64, endian: 'little', ...spec });
    const view = new DataView(bytes.buffer.slice(0));
    view.setUint16(56, 0xffff, true); // e_phnum
    let info = readElf(bytesSource(new Uint8Array(view.buffer)))!;
    assert.ok(
      info.problems.some((p) => /program headers/.test(p)),
      info.problems.join(),
    );
    const far = new DataView(bytes.buffer.slice(0));
    far.setBigUint64(32, 0xffff_ffff_ffff_fff0n, true); // e_phoff
    info = readElf(bytesSource(new Uint8Array(far.buffer)))!;
    assert.deepEqual([info.interpreter, info.needed], [null, []]);
    assert.ok(info.problems.length);
    const tiny = new DataView(bytes.buffer.slice(0));
    tiny.setUint16(54, 4, true); // e_phentsize
    assert.match(readElf(bytesSource(new Uint8Array(tiny.buffer)))!.problems.join(), /too small/);
  });

  it('a version-need count far above the entries is bounded', () => {
    const bytes = Buffer.from(
      buildElf({ bits: 64, endian: 'little', needed: ['libc.so.6'], versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5'] }] }),
    );
    // DT_VERNEEDNUM is the value after the tag 0x6fffffff; the only entry's vn_next then points into garbage.
    const tag = bytes.indexOf(Buffer.from([0xff, 0xff, 0xff, 0x6f, 0, 0, 0, 0]));
    bytes.writeBigUInt64LE(100_000n, tag + 8);
    const entry = bytes.indexOf(Buffer.from([1, 0, 1, 0]));
    bytes.writeUInt32LE(4, entry + 12);
    const info = readElf(bytesSource(bytes))!;
    assert.equal(info.versionNeeds[0].file, 'libc.so.6');
    assert.match(info.problems.join(), /100000 version need entries; read the first 256/);
  });

  it('a source that has not got the bytes yet says which it wants', () => {
    const bytes = buildElf({ bits: 64, endian: 'little', ...spec });
    const prefix = 128;
    const info = readElf({ read: (offset, length) => (offset + length <= prefix ? bytes.subarray(offset, offset + length) : undefined) })!;
    assert.ok(info.wanted && info.wanted.offset + info.wanted.length > prefix);
    assert.deepEqual(info.problems, []);
  });

  it('a source that throws is a problem, not an exception', () => {
    const bytes = buildElf({ bits: 32, endian: 'little', ...spec });
    const info = readElf({
      read: (offset, length) => {
        if (offset >= 52) throw new Error('I/O error');
        return bytes.subarray(offset, offset + length);
      },
    })!;
    assert.match(info.problems.join(), /could not be read/);
  });
});

describe('ELF reader: the asynchronous adapter on hostile files', () => {
  it('gives what the synchronous reader gives', async () => {
    await fc.assert(
      fc.asyncProperty(hostileElf, async (bytes) => {
        const sync = readElf(bytesSource(bytes));
        const async = await readElfAsync(async (offset, length) => bytes.subarray(offset, offset + length));
        assert.deepEqual(async && { ...async, bytesRequested: 0 }, sync && { ...sync, bytesRequested: 0 });
      }),
      { seed: 0x656c66, numRuns: 300 },
    );
  });
});
