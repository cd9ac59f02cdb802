// What an ELF file's loader and library names say about the C library it was linked
// against, and what Alpine's gcompat layer stands in for. Data only, with sources.

/**
 * glibc's program interpreters by basename: `ld-linux-x86-64.so.2`, `ld-linux-aarch64.so.1`,
 * `ld-linux-armhf.so.3`, `ld-linux.so.2` (i386), `ld-linux-riscv64-lp64d.so.1`, and
 * `ld64.so.1`/`ld64.so.2` (s390x, ppc64le). Source: glibc's sysdeps/*\/ldconfig.h and
 * shlib-versions, as listed by `readelf -l` on Debian.
 */
export const GLIBC_INTERPRETER = /^(ld-linux[-\w.]*\.so\.\d+|ld64\.so\.[12])$/;

/** musl's program interpreter: `/lib/ld-musl-<arch>.so.1` (musl's INSTALL file). */
export const MUSL_INTERPRETER = /^ld-musl-[\w.-]+\.so\.1$/;

/**
 * glibc's C library soname on the architectures Docker builds for (`libc.so.6`); a needed
 * `libc.so.6` or a version need from it names glibc.
 */
export const GLIBC_SONAME = 'libc.so.6';

/** musl's soname on Alpine (`libc.musl-x86_64.so.1`); musl-gcc links against plain `libc.so`. */
export const MUSL_SONAME = /^libc\.musl-[\w.-]+\.so\.1$/;

/**
 * The glibc library names gcompat answers for on Alpine: the APKBUILD installs
 * libgcompat.so.0 and symlinks glibc's loader and these sonames to it or to musl
 * (aports main/gcompat/APKBUILD; /work/shared/docs/domain.md). A needed library outside this
 * list must come from somewhere else (libstdc++.so.6 from apk `libstdc++`, ...).
 */
export const GCOMPAT_LIBRARIES: readonly string[] = [
  'libc.so.6',
  'libm.so.6',
  'libpthread.so.0',
  'libdl.so.2',
  'librt.so.1',
  'libutil.so.1',
  'libresolv.so.2',
  'libcrypt.so.1',
];

/**
 * The newest glibc symbol version muslcheck trusts gcompat to stand in for. gcompat's
 * functions date from glibc 2.2x (its changelog: the LSB interfaces and the _chk functions);
 * glibc 2.28 added `fcntl64`, 2.33 real `stat`/`fstat` symbols, 2.34 moved libpthread and
 * libdl into libc, 2.38 the `__isoc23_*` parsers, and failures with those names are what
 * users report. A build needing a later version may still run; muslcheck does not promise it.
 */
export const GCOMPAT_TRUSTED_GLIBC = 'GLIBC_2.27';

/** Docker's architecture names (`linux/<arch>`) by ELF machine and class. */
export const PLATFORM_MACHINES: readonly { arch: string; machine: number; bits: 32 | 64; endian?: 'little' | 'big' }[] = [
  { arch: 'amd64', machine: 62, bits: 64 },
  { arch: 'arm64', machine: 183, bits: 64 },
  { arch: 'arm', machine: 40, bits: 32 },
  { arch: '386', machine: 3, bits: 32 },
  { arch: 'ppc64le', machine: 21, bits: 64, endian: 'little' },
  { arch: 'ppc64', machine: 21, bits: 64, endian: 'big' },
  { arch: 's390x', machine: 22, bits: 64 },
  { arch: 'riscv64', machine: 243, bits: 64 },
  { arch: 'mips64le', machine: 8, bits: 64, endian: 'little' },
  { arch: 'loong64', machine: 258, bits: 64 },
];
