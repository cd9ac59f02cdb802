// Judges one ELF file against the place it will run: which C library it was linked for, and
// whether that stage (or image) has it. Pure: ElfInfo and the target's facts in, a verdict
// out. Shared by the build-context rule (MC2003) and the image scanner.
import {
  GCOMPAT_LIBRARIES,
  GCOMPAT_TRUSTED_GLIBC,
  GLIBC_INTERPRETER,
  GLIBC_SONAME,
  MUSL_INTERPRETER,
  MUSL_SONAME,
  PLATFORM_MACHINES,
} from '../knowledge/elf-libc';
import { DISTROLESS_DEBIAN, GLIBC_RELEASES } from '../knowledge/glibc-releases';
import type { Libc } from '../knowledge/images';
import type { ElfInfo } from '../parse/elf';
import type { ImageReference } from './image-reference';

/** The C library an ELF file was linked against, from its own headers. */
export type ElfLibc = 'glibc' | 'musl' | 'none' | 'unknown';

/** Where the file will run. */
export interface RunTarget {
  /** The target's C library; `unknown` gives no libc verdict. */
  libc: Libc;
  /** gcompat is installed: glibc programs within its reach run. */
  gcompat?: boolean;
  /** musl's loader is installed on a glibc system (Debian's `musl` package). */
  muslLoader?: boolean;
  /** `linux/arm64`, `linux/amd64/v3`...; null when unknown (no machine verdict). */
  platform?: string | null;
  /** The glibc of a glibc target as `GLIBC_x.y`, when known: a file needing a newer one fails. */
  glibcVersion?: string | null;
}

/** Whether gcompat can be expected to run a glibc file, and why. */
export interface GcompatReach {
  covered: boolean;
  /** One clause for messages: `it needs GLIBC_2.17 at most and only libraries gcompat maps`. */
  why: string;
}

/** The verdict on one file. */
export type BinaryVerdict =
  | {
      kind: 'clean';
      /** Why it is fine: `static`, `static-pie`, `object`, `matches`, `unknown-libc`, `gcompat`, ... */
      reason:
        | 'static'
        | 'static-pie'
        | 'object'
        | 'other-type'
        | 'matches'
        | 'unknown-libc'
        | 'unknown-target'
        | 'gcompat'
        | 'musl-loader'
        | 'unreadable';
    }
  | {
      /** glibc-linked file on musl (or on Alpine with glibc bolted on). */
      kind: 'glibc-on-musl';
      interpreter: string | null;
      /** The highest `GLIBC_x.y` required, or null when the file names none. */
      highestGlibc: string | null;
      gcompat: GcompatReach;
    }
  | { kind: 'musl-on-glibc'; interpreter: string | null }
  | {
      /** A glibc file that needs a newer glibc than the target has (`GLIBC_2.38' not found`). */
      kind: 'glibc-too-new';
      highestGlibc: string;
      available: string;
    }
  | {
      /** A dynamically linked file where there is no C library at all (scratch, distroless static). */
      kind: 'no-libc';
      linkedFor: ElfLibc;
      interpreter: string | null;
    }
  | {
      kind: 'wrong-machine';
      /** The file's machine (`x86-64`). */
      machine: string;
      /** The target platform (`linux/arm64`). */
      platform: string;
    };

/** The basename of a path. */
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The C library an ELF file asks for: its interpreter first, then its needed libraries and versions. */
export function elfLibc(elf: ElfInfo): ElfLibc {
  if (elf.linking === 'static' || elf.linking === 'static-pie') return 'none';
  if (elf.interpreter !== null) {
    const name = basename(elf.interpreter);
    if (GLIBC_INTERPRETER.test(name)) return 'glibc';
    if (MUSL_INTERPRETER.test(name)) return 'musl';
  }
  if (elf.needed.some((n) => MUSL_SONAME.test(n))) return 'musl';
  if (elf.needed.includes(GLIBC_SONAME) || elf.versionNeeds.some((v) => v.versions.some((name) => name.startsWith('GLIBC_')))) {
    return 'glibc';
  }
  // musl-gcc links against plain `libc.so`; alone it says musl only next to musl's loader.
  return 'unknown';
}

/** Every `GLIBC_x.y` the file requires, sorted oldest first. */
export function glibcVersions(elf: ElfInfo): string[] {
  const versions = new Set<string>();
  for (const need of elf.versionNeeds) for (const name of need.versions) if (/^GLIBC_\d+(\.\d+)*$/.test(name)) versions.add(name);
  return [...versions].sort(compareGlibcVersions);
}

/** The highest `GLIBC_x.y` the file requires, or null. */
export function highestGlibcVersion(elf: ElfInfo): string | null {
  const versions = glibcVersions(elf);
  return versions.length ? versions[versions.length - 1] : null;
}

/** Orders `GLIBC_2.9` before `GLIBC_2.17` before `GLIBC_2.34`. */
export function compareGlibcVersions(a: string, b: string): number {
  const parts = (v: string) =>
    v
      .replace(/^GLIBC_/, '')
      .split('.')
      .map(Number);
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Whether gcompat can be trusted to run this glibc file. Conservative: see GCOMPAT_TRUSTED_GLIBC. */
export function gcompatReach(elf: ElfInfo): GcompatReach {
  const privateNeed = elf.versionNeeds.some((v) => v.versions.includes('GLIBC_PRIVATE'));
  if (privateNeed) return { covered: false, why: 'it needs GLIBC_PRIVATE, glibc-internal symbols no compatibility layer has' };
  const highest = highestGlibcVersion(elf);
  if (highest && compareGlibcVersions(highest, GCOMPAT_TRUSTED_GLIBC) > 0) {
    return { covered: false, why: `it needs ${highest}, newer than the ${GCOMPAT_TRUSTED_GLIBC} muslcheck trusts gcompat with` };
  }
  const glibcLibraries = elf.needed.filter((n) =>
    /^(libc|libm|libpthread|libdl|librt|libutil|libresolv|libcrypt|libnsl|libanl)\.so/.test(n),
  );
  const unmapped = glibcLibraries.filter((n) => !GCOMPAT_LIBRARIES.includes(n));
  if (unmapped.length) return { covered: false, why: `it needs ${unmapped.join(', ')}, which gcompat does not provide` };
  return {
    covered: true,
    why: `it needs ${highest ?? 'no versioned glibc symbol'}${highest ? ' at most' : ''} and only glibc libraries gcompat provides`,
  };
}

/** The architecture of a `os/arch[/variant]` platform. */
function platformArch(platform: string): string | null {
  const parts = platform.toLowerCase().split('/');
  return parts.length >= 2 && parts[0] === 'linux' ? parts[1] : null;
}

/** True when the file's machine is the platform's architecture; null when either is unknown to muslcheck. */
function machineMatches(elf: ElfInfo, platform: string): boolean | null {
  const arch = platformArch(platform);
  if (!arch) return null;
  const candidates = PLATFORM_MACHINES.filter((m) => m.arch === arch);
  if (!candidates.length) return null;
  if (!PLATFORM_MACHINES.some((m) => m.machine === elf.machine)) return null;
  return candidates.some((m) => m.machine === elf.machine && m.bits === elf.bits && (!m.endian || m.endian === elf.endian));
}

/** A machine's name with its article, as it is read aloud: `an x86-64`, `an AArch64`, `a RISC-V`. */
export function aMachine(machine: string): string {
  return `${/^([aeiou]|x86|s\/)/i.test(machine) ? 'an' : 'a'} ${machine}`;
}

/** Judges one ELF file against where it will run. */
export function judgeBinary(elf: ElfInfo, target: RunTarget): BinaryVerdict {
  // A truncated or malformed file may be judged wrong from what was read: no verdict on it.
  if (elf.problems.length || elf.wanted) return { kind: 'clean', reason: 'unreadable' };
  if (elf.linking === 'object') return { kind: 'clean', reason: 'object' };
  if (elf.linking === 'other') return { kind: 'clean', reason: 'other-type' };
  if (target.platform) {
    const matches = machineMatches(elf, target.platform);
    if (matches === false) return { kind: 'wrong-machine', machine: elf.machineName, platform: target.platform };
  }
  if (elf.linking === 'static' || elf.linking === 'static-pie') return { kind: 'clean', reason: elf.linking };
  const linked = elfLibc(elf);
  if (target.libc === 'unknown') return { kind: 'clean', reason: 'unknown-target' };
  if (target.libc === 'none') {
    // A shared library with nothing to load it cannot fail on its own; a program can.
    if (elf.linking !== 'dynamic') return { kind: 'clean', reason: 'unknown-libc' };
    return { kind: 'no-libc', linkedFor: linked, interpreter: elf.interpreter };
  }
  if (linked === 'unknown' || linked === 'none') return { kind: 'clean', reason: 'unknown-libc' };
  if (linked === 'glibc' && target.libc === 'glibc' && target.glibcVersion) {
    const highest = highestGlibcVersion(elf);
    if (highest && compareGlibcVersions(highest, target.glibcVersion) > 0) {
      return { kind: 'glibc-too-new', highestGlibc: highest, available: target.glibcVersion };
    }
  }
  if (linked === target.libc) return { kind: 'clean', reason: 'matches' };
  if (linked === 'glibc' && target.libc === 'musl') {
    // As MC2001 does: with gcompat installed, running glibc programs is the intended setup.
    if (target.gcompat) return { kind: 'clean', reason: 'gcompat' };
    return { kind: 'glibc-on-musl', interpreter: elf.interpreter, highestGlibc: highestGlibcVersion(elf), gcompat: gcompatReach(elf) };
  }
  if (linked === 'musl' && target.libc === 'glibc') {
    if (target.muslLoader) return { kind: 'clean', reason: 'musl-loader' };
    return { kind: 'musl-on-glibc', interpreter: elf.interpreter };
  }
  return { kind: 'clean', reason: 'matches' };
}

/** The glibc version an image reference names through its release, or null when it does not say. */
export function imageGlibcVersion(reference: ImageReference): string | null {
  const distroless = DISTROLESS_DEBIAN.exec(reference.name);
  if (distroless) return GLIBC_RELEASES.find((r) => r.repositories?.includes('debian') && r.words.includes(distroless[1]))?.glibc ?? null;
  const tag = (reference.tag ?? '').toLowerCase();
  if (!tag) return null;
  const words = tag.split(/[-_]/);
  for (const release of GLIBC_RELEASES) {
    if (release.repositories) {
      if (!release.repositories.includes(reference.name)) continue;
      // `12`, `12.5`, `12-slim`, `22.04`: the first word, up to its minor version.
      if (release.words.some((w) => words[0] === w || (!w.includes('.') && words[0].startsWith(`${w}.`)))) return release.glibc;
      if (release.words.some((w) => words.includes(w))) return release.glibc;
    } else if (release.words.some((w) => words.includes(w))) return release.glibc;
  }
  return null;
}
