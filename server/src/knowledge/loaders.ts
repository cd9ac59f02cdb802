// File names of the two C libraries' program loaders and core libraries, for spotting
// workarounds that make one library's programs start on the other (see domain notes:
// PT_INTERP names `/lib64/ld-linux-x86-64.so.2` on glibc, `/lib/ld-musl-x86_64.so.1` on musl).

/** musl's loader (`ld-musl-x86_64.so.1`, `ld-musl-aarch64.so.1`...) or its libc (`libc.musl-x86_64.so.1`). */
const MUSL_LOADER = /(?:^|\/)(?:ld-musl-[\w-]+|libc\.musl-[\w-]+)\.so\.1$/;

/** glibc's loader on any architecture: `ld-linux-x86-64.so.2`, `ld-linux-aarch64.so.1`, `ld-linux.so.2`, `ld64.so.2`. */
const GLIBC_LOADER = /(?:^|\/)(?:ld-linux(?:-[\w-]+)?\.so\.\d|ld64\.so\.\d)$/;

/** Libraries only glibc ships under these names (musl folds them into its libc). */
const GLIBC_LIBRARY =
  /(?:^|\/)(?:libc\.so\.6|libm\.so\.6|libpthread\.so\.0|libdl\.so\.2|librt\.so\.1|libresolv\.so\.2|libutil\.so\.1|libnss_\w+\.so\.2|libBrokenLocale\.so\.1)$/;

/** Debian/Ubuntu multiarch library folders, where glibc's libraries live. */
const GLIBC_MULTIARCH_DIR = /\/(?:x86_64|aarch64|arm|i386|powerpc64le|s390x|riscv64)-linux-gnu(?:eabihf)?\//;

/**
 * Multi-architecture Dockerfiles name the loader through a variable or `$(uname -m)`
 * (`/lib/ld-musl-${ARCH}.so.1`): an expansion stands for an architecture name here.
 */
function withArchitecture(path: string): string {
  return path.replace(/\$\{\w+\}|\$\w+|\$\([^()]*\)/g, 'arch');
}

/** True for a path to musl's loader or libc. */
export function isMuslLoader(path: string): boolean {
  return MUSL_LOADER.test(withArchitecture(path));
}

/** True for a path to glibc's loader. */
export function isGlibcLoader(path: string): boolean {
  return GLIBC_LOADER.test(withArchitecture(path));
}

/** True for a path to glibc's loader or one of its core libraries (`libc.so.6`, `libpthread.so.0`...). */
export function isGlibcLibrary(path: string): boolean {
  const plain = withArchitecture(path);
  return GLIBC_LOADER.test(plain) || GLIBC_LIBRARY.test(plain) || (GLIBC_MULTIARCH_DIR.test(plain) && /\.so(?:\.\d+)*$/.test(plain));
}
