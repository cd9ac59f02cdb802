// Path patterns as Docker reads them, for COPY/ADD sources and .dockerignore: Go's
// filepath.Match on each `/`-separated segment (`*`, `?`, `[a-z]`, `[^a-z]`, `\` escapes),
// plus `**` as a whole segment for any number of folders. A .dockerignore is a list of such
// patterns, `!` lines re-including, the last matching line deciding, and a pattern that
// matches a folder covering everything below it (moby's patternmatcher semantics).

/** True when the text has a wildcard that filepath.Match would expand. */
export function hasWildcard(pattern: string): boolean {
  return /[*?[\\]/.test(pattern);
}

/** Longest segment or path muslcheck matches; longer ones are not real paths. */
const MAX_PATH = 4096;

/**
 * Go's filepath.Match for one segment (no `/` in either). A malformed pattern (an unclosed
 * `[`, a trailing `\`) matches nothing, as Go reports ErrBadPattern.
 */
export function matchSegment(pattern: string, name: string): boolean {
  if (pattern.length > MAX_PATH || name.length > MAX_PATH) return false;
  // Iterative with one backtrack point per `*`: linear in practice, never exponential.
  let p = 0;
  let n = 0;
  let starP = -1;
  let starN = 0;
  while (n < name.length) {
    if (p < pattern.length) {
      const c = pattern[p];
      if (c === '*') {
        starP = ++p;
        starN = n;
        continue;
      }
      const step = matchOne(pattern, p, name[n]);
      if (step === null) return false;
      if (step > 0) {
        p += step;
        n++;
        continue;
      }
    }
    // `*` never spans a separator.
    if (starP < 0 || name[starN] === '/') return false;
    p = starP;
    n = ++starN;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  // The rest of the pattern must be well formed even when it is not needed (Go checks it).
  return p === pattern.length;
}

/**
 * Matches one character at `pattern[p]`: the pattern length consumed when it matches, 0 when
 * it does not, null when the pattern is malformed.
 */
function matchOne(pattern: string, p: number, char: string): number | null {
  const c = pattern[p];
  if (c === '?') return char === '/' ? 0 : 1;
  if (c === '\\') {
    if (p + 1 >= pattern.length) return null;
    return pattern[p + 1] === char ? 2 : 0;
  }
  if (c !== '[') return c === char ? 1 : 0;
  let i = p + 1;
  const negated = pattern[i] === '^';
  if (negated) i++;
  let matched = false;
  let first = true;
  for (;;) {
    if (i >= pattern.length) return null;
    if (pattern[i] === ']' && !first) break;
    first = false;
    let lo = pattern[i];
    if (lo === '\\') {
      i++;
      if (i >= pattern.length) return null;
      lo = pattern[i];
    }
    i++;
    let hi = lo;
    if (pattern[i] === '-' && pattern[i + 1] !== ']') {
      i++;
      if (i >= pattern.length) return null;
      hi = pattern[i];
      if (hi === '\\') {
        i++;
        if (i >= pattern.length) return null;
        hi = pattern[i];
      }
      i++;
    }
    if (lo <= char && char <= hi) matched = true;
  }
  return matched !== negated ? i + 1 - p : 0;
}

/** Splits a cleaned, `/`-separated path into segments (no empty ones, no `.`). */
export function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '' && s !== '.');
}

/** True when the whole path matches the pattern (segment by segment, `**` spanning folders). */
export function matchPath(pattern: readonly string[], path: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const at = (p: number, n: number): boolean => {
    const key = p * (path.length + 1) + n;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === pattern.length) result = n === path.length;
    else if (pattern[p] === '**') result = at(p + 1, n) || (n < path.length && at(p, n + 1));
    else result = n < path.length && matchSegment(pattern[p], path[n]) && at(p + 1, n + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

/** True when the pattern matches the path or one of its parent folders. */
export function matchPathOrParent(pattern: readonly string[], path: readonly string[]): boolean {
  for (let length = path.length; length > 0; length--) if (matchPath(pattern, path.slice(0, length))) return true;
  return false;
}

/** One line of a .dockerignore. */
interface IgnoreRule {
  segments: string[];
  exclusion: boolean;
}

/** Most .dockerignore lines read: each costs a match per file of the context. */
export const MAX_IGNORE_RULES = 10_000;

/** A parsed .dockerignore (its first MAX_IGNORE_RULES patterns). */
export class DockerIgnore {
  private readonly rules: IgnoreRule[];

  constructor(text: string) {
    this.rules = [];
    for (const raw of text.split(/\r?\n/)) {
      let line = raw.trim();
      if (!line || line.startsWith('#')) continue;
      const exclusion = line.startsWith('!');
      if (exclusion) line = line.slice(1).trim();
      const parts = cleanPath(line);
      if (parts.length) this.rules.push({ segments: parts, exclusion });
      if (this.rules.length >= MAX_IGNORE_RULES) break;
    }
  }

  /**
   * True when some `!` line could re-include a path below the folder: only then is an
   * ignored folder walked, as BuildKit does. Rules that match the folder itself already
   * decided it is ignored, and they match all below it the same way.
   */
  mayIncludeBelow(folder: string): boolean {
    const parts = segments(folder);
    return this.rules.some((rule) => rule.exclusion && couldMatchBelow(rule.segments, parts));
  }

  /** True when the context path (relative, `/`-separated) is left out of the build context. */
  ignores(path: string): boolean {
    const parts = segments(path);
    let ignored = false;
    for (const rule of this.rules) if (matchPathOrParent(rule.segments, parts)) ignored = !rule.exclusion;
    return ignored;
  }
}

/** True when the pattern could match a path strictly below `folder` (`**` could match anything). */
function couldMatchBelow(pattern: readonly string[], folder: readonly string[]): boolean {
  for (let i = 0; i < folder.length; i++) {
    if (i >= pattern.length) return false;
    if (pattern[i] === '**') return true;
    if (!matchSegment(pattern[i], folder[i])) return false;
  }
  return pattern.length > folder.length;
}

/**
 * filepath.Clean for a path inside the context, as segments: no leading `/`, `.` dropped,
 * `..` resolved and never above the context (BuildKit keeps every source inside it).
 */
export function cleanPath(path: string): string[] {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}
