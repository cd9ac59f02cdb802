// The judge of one ELF file against where it runs, on hand-built ELF facts.
import assert from 'node:assert/strict';
import { bytesSource, readElf, type ElfInfo } from '../../server/src/parse/elf';
import {
  aMachine,
  compareGlibcVersions,
  elfLibc,
  gcompatReach,
  highestGlibcVersion,
  imageGlibcVersion,
  judgeBinary,
} from '../../server/src/model/binary-verdict';
import { buildElf, type ElfSpec } from '../elf/build-elf';

function elf(spec: Partial<ElfSpec>): ElfInfo {
  return readElf(bytesSource(buildElf({ bits: 64, endian: 'little', ...spec })))!;
}

const glibc = (versions: string[], more: Partial<ElfSpec> = {}) =>
  elf({ interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['libc.so.6'], versionNeeds: [{ file: 'libc.so.6', versions }], ...more });
const musl = elf({ interpreter: '/lib/ld-musl-x86_64.so.1', needed: ['libc.musl-x86_64.so.1'] });

describe('binary verdict', () => {
  it('reads the C library from the interpreter, needed libraries or versions', () => {
    assert.equal(elfLibc(glibc(['GLIBC_2.2.5'])), 'glibc');
    assert.equal(elfLibc(musl), 'musl');
    assert.equal(elfLibc(elf({ interpreter: '/lib/ld-musl-aarch64.so.1', needed: ['libc.so'] })), 'musl');
    assert.equal(elfLibc(elf({ type: 3, needed: ['libc.so.6'] })), 'glibc', 'a glibc shared library');
    assert.equal(elfLibc(elf({ interpreter: '/lib/ld64.so.2', machine: 21 })), 'glibc', 'ppc64le');
    assert.equal(elfLibc(elf({ type: 2 })), 'none');
    assert.equal(elfLibc(elf({ interpreter: '/system/bin/linker64' })), 'unknown', 'Android');
    assert.equal(elfLibc(elf({ type: 3, needed: ['libc.so'] })), 'unknown', 'plain libc.so without a loader');
  });

  it('orders versions numerically and finds the highest', () => {
    assert.ok(compareGlibcVersions('GLIBC_2.9', 'GLIBC_2.17') < 0);
    assert.equal(highestGlibcVersion(glibc(['GLIBC_2.34', 'GLIBC_2.2.5', 'GLIBC_2.17'])), 'GLIBC_2.34');
    assert.equal(highestGlibcVersion(musl), null);
  });

  it('glibc on musl: the interpreter, the highest version and gcompat reach', () => {
    const old = judgeBinary(glibc(['GLIBC_2.2.5', 'GLIBC_2.17']), { libc: 'musl' });
    assert.equal(old.kind, 'glibc-on-musl');
    assert.ok(old.kind === 'glibc-on-musl' && old.gcompat.covered && old.highestGlibc === 'GLIBC_2.17');
    assert.equal(old.kind === 'glibc-on-musl' && old.interpreter, '/lib64/ld-linux-x86-64.so.2');
    const modern = judgeBinary(glibc(['GLIBC_2.2.5', 'GLIBC_2.34']), { libc: 'musl' });
    assert.ok(modern.kind === 'glibc-on-musl' && !modern.gcompat.covered);
    assert.match(modern.kind === 'glibc-on-musl' ? modern.gcompat.why : '', /GLIBC_2\.34, newer than the GLIBC_2\.27/);
  });

  it('gcompat reach refuses GLIBC_PRIVATE and glibc libraries gcompat lacks', () => {
    assert.equal(gcompatReach(glibc(['GLIBC_2.2.5', 'GLIBC_PRIVATE'])).covered, false);
    assert.match(gcompatReach(glibc(['GLIBC_2.2.5'], { needed: ['libc.so.6', 'libnsl.so.1'] })).why, /libnsl\.so\.1/);
    assert.equal(gcompatReach(glibc(['GLIBC_2.2.5'], { needed: ['libc.so.6', 'libstdc++.so.6'] })).covered, true);
  });

  it('clean: gcompat installed, matching libc, static, unknown target, objects', () => {
    assert.deepEqual(judgeBinary(glibc(['GLIBC_2.34']), { libc: 'musl', gcompat: true }), { kind: 'clean', reason: 'gcompat' });
    assert.deepEqual(judgeBinary(glibc(['GLIBC_2.34']), { libc: 'glibc' }), { kind: 'clean', reason: 'matches' });
    assert.deepEqual(judgeBinary(musl, { libc: 'musl' }), { kind: 'clean', reason: 'matches' });
    assert.deepEqual(judgeBinary(elf({ type: 2 }), { libc: 'musl' }), { kind: 'clean', reason: 'static' });
    assert.deepEqual(judgeBinary(elf({ type: 3, pie: true }), { libc: 'none' }), { kind: 'clean', reason: 'static-pie' });
    assert.deepEqual(judgeBinary(glibc(['GLIBC_2.34']), { libc: 'unknown' }), { kind: 'clean', reason: 'unknown-target' });
    assert.deepEqual(judgeBinary(elf({ type: 1 }), { libc: 'musl' }), { kind: 'clean', reason: 'object' });
  });

  it('a file read only in part gets no verdict', () => {
    const whole = buildElf({ bits: 64, endian: 'little', ...{ interpreter: '/lib64/ld-linux-x86-64.so.2', needed: ['libc.so.6'] } });
    const cut = readElf(bytesSource(whole.subarray(0, whole.length - 8)))!;
    assert.equal(cut.interpreter, '/lib64/ld-linux-x86-64.so.2');
    assert.ok(cut.problems.length);
    assert.deepEqual(judgeBinary(cut, { libc: 'musl' }), { kind: 'clean', reason: 'unreadable' });
  });

  it('a glibc file newer than the target glibc', () => {
    assert.deepEqual(judgeBinary(glibc(['GLIBC_2.2.5', 'GLIBC_2.38']), { libc: 'glibc', glibcVersion: 'GLIBC_2.36' }), {
      kind: 'glibc-too-new',
      highestGlibc: 'GLIBC_2.38',
      available: 'GLIBC_2.36',
    });
    assert.equal(judgeBinary(glibc(['GLIBC_2.36']), { libc: 'glibc', glibcVersion: 'GLIBC_2.36' }).kind, 'clean');
    assert.equal(judgeBinary(glibc(['GLIBC_2.38']), { libc: 'glibc' }).kind, 'clean', 'unknown release');
  });

  it('reads the glibc release from image tags only when they name one', () => {
    const ref = (name: string, tag: string | null) => ({
      registry: 'docker.io',
      repository: name,
      name,
      tag,
      digest: null,
      official: true,
      problem: null,
    });
    const cases: [string, string | null, string | null][] = [
      ['debian', '12-slim', 'GLIBC_2.36'],
      ['debian', '12.5', 'GLIBC_2.36'],
      ['debian', 'bookworm-slim', 'GLIBC_2.36'],
      ['debian', 'bullseye', 'GLIBC_2.31'],
      ['debian', 'stable-slim', null],
      ['debian', 'latest', null],
      ['python', '3.12-slim-bookworm', 'GLIBC_2.36'],
      ['python', '3.12', null],
      ['node', '20-bullseye', 'GLIBC_2.31'],
      ['ubuntu', '22.04', 'GLIBC_2.35'],
      ['ubuntu', 'noble', 'GLIBC_2.39'],
      ['python', '12', null],
      ['gcr.io/distroless/cc-debian12', 'latest', 'GLIBC_2.36'],
      ['gcr.io/distroless/base-nossl-debian13', 'nonroot', 'GLIBC_2.41'],
    ];
    for (const [name, tag, expected] of cases) assert.equal(imageGlibcVersion(ref(name, tag) as never), expected, `${name}:${tag}`);
  });

  it('musl on glibc, unless musl is installed there', () => {
    assert.deepEqual(judgeBinary(musl, { libc: 'glibc' }), { kind: 'musl-on-glibc', interpreter: '/lib/ld-musl-x86_64.so.1' });
    assert.deepEqual(judgeBinary(musl, { libc: 'glibc', muslLoader: true }), { kind: 'clean', reason: 'musl-loader' });
  });

  it('a dynamic program where there is no C library; a library there is left alone', () => {
    assert.equal(judgeBinary(glibc(['GLIBC_2.2.5']), { libc: 'none' }).kind, 'no-libc');
    assert.equal(judgeBinary(elf({ type: 3, needed: ['libc.so.6'] }), { libc: 'none' }).kind, 'clean');
  });

  it('another machine than the platform, only when the platform is known', () => {
    const arm = elf({ machine: 183, type: 2 });
    assert.deepEqual(judgeBinary(arm, { libc: 'musl', platform: 'linux/amd64' }), {
      kind: 'wrong-machine',
      machine: 'AArch64',
      platform: 'linux/amd64',
    });
    assert.equal(judgeBinary(arm, { libc: 'musl', platform: 'linux/arm64/v8' }).kind, 'clean');
    assert.equal(judgeBinary(arm, { libc: 'musl' }).kind, 'clean');
    assert.equal(
      judgeBinary(elf({ machine: 21, endian: 'big', type: 2 }), { libc: 'glibc', platform: 'linux/ppc64le' }).kind,
      'wrong-machine',
    );
    assert.equal(judgeBinary(elf({ machine: 3, bits: 32, type: 2 }), { libc: 'glibc', platform: 'linux/386' }).kind, 'clean');
    assert.equal(judgeBinary(elf({ machine: 9999, type: 2 }), { libc: 'glibc', platform: 'linux/amd64' }).kind, 'clean', 'unknown machine');
  });

  it('puts the article a machine name is read with', () => {
    assert.deepEqual(['x86-64', 'AArch64', 'ARM', 'S/390', 'RISC-V', 'PowerPC64', 'machine 9999'].map(aMachine), [
      'an x86-64',
      'an AArch64',
      'an ARM',
      'an S/390',
      'a RISC-V',
      'a PowerPC64',
      'a machine 9999',
    ]);
  });
});
