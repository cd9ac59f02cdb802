// Decides an image's C library from the files in its final filesystem: musl's loader
// (`ld-musl-<arch>.so.1`) and `/etc/alpine-release` say musl; glibc's loader or `libc.so.6`
// as real files say glibc; gcompat's `libgcompat.so.0` says glibc programs are meant to run
// on musl. gcompat's `ld-linux*` and `libc.so.6` are symlinks, so only regular files (or
// links that resolve to one that is not gcompat or musl) count as glibc.
import { GLIBC_INTERPRETER, GLIBC_SONAME, MUSL_INTERPRETER } from '../knowledge/elf-libc';
import type { Libc } from '../knowledge/images';
import type { ImageFilesystem } from './image-files';

/** What the image's files say about its C library. */
export interface ImageLibc {
  libc: Libc;
  /** gcompat is installed (`libgcompat.so.0`). */
  gcompat: boolean;
  /** musl's loader is present on a glibc system (Debian's `musl` package). */
  muslLoader: boolean;
  /** A glibc loader or libc found on a musl system (alpine-glibc): its path. */
  bundledGlibc: string | null;
  /** One clause for messages: `/etc/alpine-release and /lib/ld-musl-x86_64.so.1`. */
  evidence: string;
  /**
   * A glibc image's release as `GLIBC_x.y`, from the versioned file glibc 2.33 and older
   * install (`libc-2.31.so`); null for newer releases, which name no version in a file name.
   */
  glibcVersion: string | null;
}

/** `libc-2.31.so`: glibc's versioned library file up to 2.33. */
const VERSIONED_LIBC = /^libc-(\d+\.\d+)\.so$/;

const GCOMPAT = /^libgcompat\.so\.\d+$/;

/** True for a path in a library folder (`/lib`, `/lib64`, `/usr/lib/x86_64-linux-gnu`, `/usr/glibc-compat/lib`, ...). */
function inLibraryFolder(path: string): boolean {
  return path
    .split('/')
    .slice(1, -1)
    .some((part) => /^lib(32|64|x32)?$/.test(part));
}

/** Decides the C library of the final filesystem. */
export function decideImageLibc(fs: ImageFilesystem): ImageLibc {
  let musl: string | null = null;
  let glibc: string | null = null;
  let gcompat = false;
  let versioned: string | null = null;
  for (const [path, fact] of fs.files) {
    if (fact.kind !== 'file' && fact.kind !== 'symlink') continue;
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (!inLibraryFolder(path)) continue;
    const release = VERSIONED_LIBC.exec(base);
    if (release && fact.kind === 'file') versioned ??= `GLIBC_${release[1]}`;
    if (GCOMPAT.test(base)) {
      if (fs.resolve(path)?.fact.kind === 'file') gcompat = true;
      continue;
    }
    const loader = MUSL_INTERPRETER.test(base);
    const glibcName = GLIBC_INTERPRETER.test(base) || base === GLIBC_SONAME;
    if (!loader && !glibcName) continue;
    const resolved = fs.resolve(path);
    if (resolved?.fact.kind !== 'file') continue;
    if (loader) musl ??= path;
    else {
      const targetBase = resolved.path.slice(resolved.path.lastIndexOf('/') + 1);
      if (!GCOMPAT.test(targetBase) && !MUSL_INTERPRETER.test(targetBase) && !targetBase.startsWith('libc.musl')) glibc ??= resolved.path;
    }
  }
  const alpine = fs.resolve('/etc/alpine-release')?.fact.kind === 'file';
  if (alpine || (musl && !glibc)) {
    const evidence = [alpine ? '/etc/alpine-release' : null, musl].filter(Boolean).join(' and ');
    return { libc: 'musl', gcompat, muslLoader: false, bundledGlibc: glibc, evidence, glibcVersion: null };
  }
  if (glibc)
    return { libc: 'glibc', gcompat: false, muslLoader: musl !== null, bundledGlibc: null, evidence: glibc, glibcVersion: versioned };
  return {
    libc: 'none',
    gcompat: false,
    muslLoader: false,
    bundledGlibc: null,
    evidence: 'no C library loader in the image',
    glibcVersion: null,
  };
}
