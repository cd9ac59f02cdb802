// Names of prebuilt artefacts that are linked against glibc, where the vendor (or the
// ecosystem) also offers a musl build. Only precise signatures: a vendor build whose libc
// the name does not tell (plain `linux-x64` of most vendors) is left alone.

/** A recognised glibc build, and what to use instead. */
export interface GlibcArtefact {
  /** What the artefact is, for messages. */
  what: string;
  /** The musl counterpart to use on Alpine. */
  instead: string;
}

interface ArtefactPattern extends GlibcArtefact {
  pattern: RegExp;
}

const PATTERNS: readonly ArtefactPattern[] = [
  {
    pattern: /linux-gnu(?:eabi|eabihf|x32|abi64)?(?![a-z])/i,
    what: 'a `*-linux-gnu` build (linked against glibc)',
    instead: 'the `*-linux-musl` build, or `apk add gcompat`',
  },
  {
    pattern: /manylinux(?:1|2010|2014|_\d+_\d+)_/i,
    what: 'a manylinux wheel (built for glibc)',
    instead: 'a musllinux wheel or a build from source on Alpine',
  },
  {
    pattern: /(?:^|\/)node-v\d+\.\d+\.\d+-linux-(?:x64|arm64|armv7l|ppc64le|s390x)\.tar\.(?:gz|xz)(?:$|[?#])/,
    what: "Node.js's official linux tarball (built for glibc)",
    instead: "Alpine's `nodejs` package, a `node:*-alpine` base, or the `linux-x64-musl` unofficial build",
  },
  {
    pattern: /(?:^|\/)bun-linux-(?:x64|aarch64)(?:-baseline)?\.zip(?:$|[?#])/,
    what: "Bun's glibc build",
    instead: 'the `bun-linux-*-musl` build',
  },
];

/** Recognises a glibc-only artefact in a URL or file name. */
export function glibcArtefact(urlOrName: string): GlibcArtefact | null {
  if (/musl/i.test(urlOrName)) return null;
  const found = PATTERNS.find((p) => p.pattern.test(urlOrName));
  return found ? { what: found.what, instead: found.instead } : null;
}
