// The shape of the catalog of glibc-only downloads: what a vendor's artefact is called, what
// it is, and what to use on musl instead. Data only; the matcher lives in ./match.ts.

/** The language ecosystem an artefact or a builder image belongs to, for advice. */
export type Ecosystem = 'go' | 'rust' | 'python' | 'node' | 'java' | 'dotnet' | 'other';

/**
 * What the vendor offers for musl: its own musl or Alpine build, an Alpine package (from
 * Alpine or another packager), or nothing (use a glibc stage).
 */
export type MuslAlternative = 'musl-build' | 'alpine-package' | 'none';

/** Facts every catalog entry carries. */
export interface GlibcCatalogFacts {
  /** Stable identifier, used by tests and the docs table. */
  readonly id: string;
  /** Who publishes the artefact. */
  readonly vendor: string;
  /** What the download is, for messages: "the AWS CLI v2 installer". */
  readonly what: string;
  readonly ecosystem: Ecosystem;
  readonly alternative: MuslAlternative;
  /** What to use on musl instead, as a phrase that follows "Use ". */
  readonly instead: string;
  /** The vendor page, release listing or maintainer's statement the entry rests on. */
  readonly source: string;
}

/**
 * A release file or URL built for glibc. A URL matches when its lower-cased text contains
 * `keyword`, its host is one of `hosts` (when given) and `file` matches its last path segment
 * or `path` matches its path and query. Patterns are anchored so that each runs in linear time.
 */
export interface GlibcOnlyDownload extends GlibcCatalogFacts {
  /** A lower-case literal every matching URL contains: a cheap filter before any regex. */
  readonly keyword: string;
  /** Host names (a host matches itself and its sub-domains). */
  readonly hosts?: readonly string[];
  /** Tested on the last path segment (the file name). */
  readonly file?: RegExp;
  /** Tested on the path with its query, starting at the first `/` after the host. */
  readonly path?: RegExp;
  /**
   * How the URL of the vendor's musl build differs from the glibc one: alternative
   * replacements on the URL as written; the first that matches is applied once.
   */
  readonly muslUrl?: readonly UrlRewrite[];
}

/** One replacement of a URL rewrite (`replacement` may use `$1`). */
export interface UrlRewrite {
  readonly pattern: RegExp;
  readonly replacement: string;
}

/**
 * A command that fetches a glibc build as a side effect: a package manager installing a
 * package whose install script downloads a binary, or a tool's own download command.
 */
export interface GlibcInstallCommand extends GlibcCatalogFacts {
  /** npm, yarn, pnpm or bun installing one of these packages. */
  readonly npmPackages?: readonly string[];
  /** A run of consecutive words (options left out) in the command line, such as `playwright install`. */
  readonly words?: readonly (readonly string[])[];
  /** Variables that make the package skip its download when set (ENV, ARG or inline). */
  readonly skipVariables?: readonly string[];
}
