// Signatures of the alpine-glibc practice: package names, signing keys, download hosts and
// install prefixes (see docs/domain facts: sgerrand/alpine-pkg-glibc and its forks).

/** Package names of the sgerrand-style glibc apks. */
export const GLIBC_PACKAGE_NAMES: readonly string[] = ['glibc', 'glibc-bin', 'glibc-dev', 'glibc-i18n'];

/**
 * A glibc apk file name: `glibc-2.35-r1.apk`, `glibc-bin-${GLIBC_VER}.apk`, `glibc.apk`.
 * The version part may hold an unresolved variable.
 */
const GLIBC_APK_FILE = /^glibc(?:-bin|-dev|-i18n)?(?:-[^/]+)?\.apk$/;

/** True for a file name (last path segment) of a glibc apk. */
export function isGlibcApkFileName(name: string): boolean {
  return GLIBC_APK_FILE.test(name);
}

/** Public key file names used to sign glibc apks. */
export const GLIBC_KEY_NAMES: readonly string[] = ['sgerrand.rsa.pub', 'andyshinn.rsa.pub', 'stackfeed.rsa.pub'];

/** The start of sgerrand's public key as it appears when pasted inline. */
export const SGERRAND_KEY_PEM_PREFIX = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApZ2u1KJKUu/fW4A25y9m';

/** Hosts that serve only glibc apks and their keys. */
export const GLIBC_APK_HOSTS: readonly string[] = ['alpine-pkgs.sgerrand.com'];

/** Install prefixes of glibc on Alpine: sgerrand's, and the first andyshinn packages'. */
export const GLIBC_PREFIXES: readonly string[] = ['/usr/glibc-compat', '/usr/glibc/'];

/** A prefix as a whole path component: `/usr/glibc-compat/lib`, not `/usr/glibc-compatible`. */
const GLIBC_PREFIX_PATTERN = /\/usr\/glibc-compat(?![\w.-])|\/usr\/glibc\//;

/** The glibc install prefix a text uses, or null. */
export function glibcPrefixIn(text: string): string | null {
  return GLIBC_PREFIX_PATTERN.exec(text)?.[0] ?? null;
}

/** Where apk looks for trusted signing keys. */
export const APK_KEYS_DIR = '/etc/apk/keys';

/** The kind of glibc resource a URL points at. */
export type GlibcUrlKind = 'key' | 'apk' | 'release';

/**
 * Classifies a URL (or URL-like text with unresolved variables) that fetches glibc apks or
 * their keys, or returns null. Recognises any `<owner>/<name containing alpine-pkg-glibc>`
 * repository on GitHub (releases, raw files) and the dedicated hosts.
 */
export function classifyGlibcUrl(url: string): GlibcUrlKind | null {
  const match = /^(?:https?:\/\/)?([^/\s"']+)(\/[^\s"']*)?$/i.exec(url.trim());
  if (!match) return null;
  const host = match[1].toLowerCase();
  const path = match[2] ?? '/';
  const segments = path.split('/').filter(Boolean);
  const file = segments[segments.length - 1] ?? '';
  const isKey = file.endsWith('.rsa.pub') || GLIBC_KEY_NAMES.includes(file);
  let glibcSource = GLIBC_APK_HOSTS.includes(host);
  if (host === 'github.com' || host === 'raw.githubusercontent.com' || host === 'objects.githubusercontent.com') {
    glibcSource = segments.length >= 2 && segments[1].toLowerCase().includes('alpine-pkg-glibc');
  }
  if (!glibcSource) return null;
  if (isKey) return 'key';
  if (file.endsWith('.apk')) return 'apk';
  return 'release';
}

/** The key file name a path or URL ends in, when it is a known glibc signing key. */
export function glibcKeyName(pathOrUrl: string): string | null {
  const file = pathOrUrl.split('/').pop() ?? '';
  if (GLIBC_KEY_NAMES.includes(file) || file.includes('alpine-pkg-glibc')) return file;
  return null;
}

/** The Alpine release a fix moves to when the image names none (gcompat is in main since 3.19). */
export const DEFAULT_ALPINE_TAG = '3.22';

/** The oldest Alpine release with a gcompat package (community repository). */
export const FIRST_ALPINE_WITH_GCOMPAT: readonly [number, number] = [3, 12];

/** The command that installs Alpine's glibc compatibility layer. */
export const GCOMPAT_INSTALL = 'apk add --no-cache gcompat';
