// Finds the catalog entry of a URL or file name. Each entry names a literal keyword; only
// entries whose keyword occurs in the URL run their (anchored, linear) pattern, so a URL
// costs one substring search per entry and rarely a regex.
import { GLIBC_DOWNLOADS } from './downloads';
import type { GlibcOnlyDownload } from './types';

/** A URL cut into the parts entries test. */
interface UrlParts {
  lower: string;
  host: string;
  /** From the first `/` after the host (or the whole text when there is no scheme), fragment removed. */
  path: string;
  /** The last path segment, query removed. */
  file: string;
}

function urlParts(text: string): UrlParts {
  let rest = text.split('#')[0];
  let host = '';
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme) {
    rest = rest.slice(scheme[0].length);
    const end = rest.search(/[/?]/);
    const authority = end < 0 ? rest : rest.slice(0, end);
    host = authority
      .slice(authority.lastIndexOf('@') + 1)
      .split(':')[0]
      .toLowerCase();
    rest = end < 0 ? '' : rest.slice(end);
  }
  const pathOnly = rest.split('?')[0];
  return { lower: text.toLowerCase(), host, path: rest, file: pathOnly.slice(pathOnly.lastIndexOf('/') + 1) };
}

function hostMatches(host: string, hosts: readonly string[]): boolean {
  return hosts.some((h) => host === h || host.endsWith(`.${h}`));
}

/** A name that says it is the musl build. */
function saysMusl(text: string): boolean {
  const lower = text.toLowerCase();
  return lower.includes('musl') || lower.includes('alpine');
}

function matches(entry: GlibcOnlyDownload, parts: UrlParts): boolean {
  if (!parts.lower.includes(entry.keyword)) return false;
  if (entry.hosts && !hostMatches(parts.host, entry.hosts)) return false;
  if (entry.file && !saysMusl(parts.file) && entry.file.test(parts.file)) return true;
  return !!entry.path && !saysMusl(parts.path) && entry.path.test(parts.path);
}

/**
 * Names built with `uname` in the URL: in a Linux stage `uname -s` is `Linux` and `uname -m`
 * an architecture such as `x86_64`, which every entry's pattern accepts.
 */
function withUname(text: string): string {
  if (!text.includes('uname') && !text.includes('$(arch)')) return text;
  return text.replace(/\$\(uname -m\)|`uname -m`|\$\(arch\)/g, 'x86_64').replace(/\$\(uname(?: -s)?\)|`uname(?: -s)?`/g, 'Linux');
}

/** The catalog entry of a glibc-only artefact named by a URL or file name, or null. */
export function glibcDownload(urlOrName: string): GlibcOnlyDownload | null {
  const parts = urlParts(withUname(urlOrName));
  return GLIBC_DOWNLOADS.find((entry) => matches(entry, parts)) ?? null;
}

/**
 * The URL of the vendor's musl build for `written` (a URL as written, variables and quotes
 * included), or null when the entry has no rewrite that applies.
 */
export function muslUrl(entry: GlibcOnlyDownload, written: string): string | null {
  const rewrite = entry.muslUrl?.find((r) => r.pattern.test(written));
  return rewrite ? written.replace(rewrite.pattern, rewrite.replacement) : null;
}
