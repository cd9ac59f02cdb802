// The glibc version of the glibc distributions base images name in their tags, so a binary
// that needs a newer GLIBC_x.y than its stage has can be reported. Only releases named
// exactly (a codename or a version); `latest`, `stable` and plain tags move and are left out.

/** A distribution release and the glibc it ships. */
export interface GlibcRelease {
  /** Tag words that name the release (`bookworm`, `12`). */
  words: readonly string[];
  /** For version-number words: the repositories whose tags they are (`debian`). */
  repositories?: readonly string[];
  /** The glibc version, as `GLIBC_x.y`. */
  glibc: string;
  source: string;
}

/** Sources: packages.debian.org/<release>/libc6, packages.ubuntu.com/<release>/libc6. */
export const GLIBC_RELEASES: readonly GlibcRelease[] = [
  { words: ['buster'], glibc: 'GLIBC_2.28', source: 'Debian 10 buster ships glibc 2.28' },
  { words: ['bullseye'], glibc: 'GLIBC_2.31', source: 'Debian 11 bullseye ships glibc 2.31' },
  { words: ['bookworm'], glibc: 'GLIBC_2.36', source: 'Debian 12 bookworm ships glibc 2.36' },
  { words: ['trixie'], glibc: 'GLIBC_2.41', source: 'Debian 13 trixie ships glibc 2.41' },
  { words: ['10'], repositories: ['debian'], glibc: 'GLIBC_2.28', source: 'Debian 10 ships glibc 2.28' },
  { words: ['11'], repositories: ['debian'], glibc: 'GLIBC_2.31', source: 'Debian 11 ships glibc 2.31' },
  { words: ['12'], repositories: ['debian'], glibc: 'GLIBC_2.36', source: 'Debian 12 ships glibc 2.36' },
  { words: ['13'], repositories: ['debian'], glibc: 'GLIBC_2.41', source: 'Debian 13 ships glibc 2.41' },
  { words: ['focal', '20.04'], repositories: ['ubuntu'], glibc: 'GLIBC_2.31', source: 'Ubuntu 20.04 ships glibc 2.31' },
  { words: ['jammy', '22.04'], repositories: ['ubuntu'], glibc: 'GLIBC_2.35', source: 'Ubuntu 22.04 ships glibc 2.35' },
  { words: ['noble', '24.04'], repositories: ['ubuntu'], glibc: 'GLIBC_2.39', source: 'Ubuntu 24.04 ships glibc 2.39' },
  { words: ['focal'], glibc: 'GLIBC_2.31', source: 'Ubuntu 20.04 focal ships glibc 2.31' },
  { words: ['jammy'], glibc: 'GLIBC_2.35', source: 'Ubuntu 22.04 jammy ships glibc 2.35' },
  { words: ['noble'], glibc: 'GLIBC_2.39', source: 'Ubuntu 24.04 noble ships glibc 2.39' },
];

/** distroless names carry their Debian release: `gcr.io/distroless/cc-debian12`. */
export const DISTROLESS_DEBIAN = /^gcr\.io\/distroless\/[a-z0-9.-]*-debian(\d+)$/;
