// Hostile ELF files for the reader: hand-built valid files of every class and byte order,
// then truncated, with bytes overwritten, or with 32/64-bit words set to extreme values.
import fc from 'fast-check';
import { buildElf } from '../elf/build-elf';

const name = fc.constantFrom('libc.so.6', 'libm.so.6', 'libc.musl-x86_64.so.1', 'libstdc++.so.6', '', 'x'.repeat(300));
const version = fc.constantFrom('GLIBC_2.2.5', 'GLIBC_2.17', 'GLIBC_2.34', 'GLIBC_PRIVATE', 'GLIBCXX_3.4');

const validElf = fc
  .record({
    bits: fc.constantFrom(32 as const, 64 as const),
    endian: fc.constantFrom('little' as const, 'big' as const),
    type: fc.constantFrom(1, 2, 3, 4),
    machine: fc.constantFrom(3, 62, 183, 40, 21),
    interpreter: fc.option(fc.constantFrom('/lib64/ld-linux-x86-64.so.2', '/lib/ld-musl-x86_64.so.1', ''), { nil: undefined }),
    needed: fc.array(name, { maxLength: 4 }),
    soname: fc.option(name, { nil: undefined }),
    pie: fc.boolean(),
    versionNeeds: fc.array(fc.record({ file: name, versions: fc.array(version, { maxLength: 4 }) }), { maxLength: 3 }),
  })
  .map(buildElf);

const extreme = fc.constantFrom(0, 1, 0x7f, 0xff, 0xffff, 0x7fffffff, 0xffffffff);

/** Valid ELF files, and the same files damaged. */
export const hostileElf: fc.Arbitrary<Uint8Array> = fc.oneof(
  validElf,
  fc.tuple(validElf, fc.nat()).map(([bytes, cut]) => bytes.subarray(0, cut % (bytes.length + 1))),
  fc
    .tuple(validElf, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }))
    .map(([bytes, flips]) => {
      const copy = bytes.slice();
      for (const [at, value] of flips) copy[at % copy.length] = value;
      return copy;
    }),
  fc.tuple(validElf, fc.array(fc.tuple(fc.nat(), extreme), { minLength: 1, maxLength: 4 })).map(([bytes, words]) => {
    const copy = bytes.slice();
    const view = new DataView(copy.buffer);
    for (const [at, value] of words) if (copy.length >= 4) view.setUint32((at % (copy.length - 3)) & ~3, value, copy[5] === 1);
    return copy;
  }),
);
