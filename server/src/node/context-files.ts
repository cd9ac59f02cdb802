// Reads the build context for the COPY/ADD sources of a Dockerfile, the way BuildKit sends
// it: paths relative to the context folder, wildcards, folders copied whole, .dockerignore
// (or <Dockerfile>.dockerignore next to the Dockerfile) left out, symbolic links not
// followed. Of each file only the first bytes are read, and of ELF files the regions the ELF
// reader asks for. Bounded in files looked at and bytes read; results are cached by path,
// modification time and size, so an editor reads a file again only when it changed.
import { constants, promises as fs, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { ContextFacts, ContextFile, ContextMatch } from '../model/context-copies';
import { DockerIgnore, hasWildcard, matchPath, segments } from '../parse/context-patterns';
import { hasElfMagic, readElfAsync, type ElfInfo } from '../parse/elf';

/** Bounds of one context read. */
export interface ContextBounds {
  /** Most files and folders looked at (default 20,000). */
  maxFiles?: number;
  /** Most bytes read from files (default 32 MiB). */
  maxBytes?: number;
}

const DEFAULT_MAX_FILES = 20_000;
const MAX_IGNORE_BYTES = 1024 * 1024;
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** ELF files read per source at most: the first ones are enough to report it. */
const MAX_ELF_PER_SOURCE = 1000;

/** What a file read gave: its ELF facts or null (not ELF), and the bytes it cost. */
interface FileReading {
  elf: ElfInfo | null;
  bytes: number;
}

/** Readings by `path:mtime:size`, shared by every context read of the process. */
const readings = new Map<string, FileReading>();
const MAX_READINGS = 50_000;

/** Forgets every cached reading (tests; a language server on shutdown). */
export function clearContextCache(): void {
  readings.clear();
}

/** The folders of a pattern before its first wildcard (the whole path without one); `''` for the context. */
function literalPrefix(pattern: string): string {
  const parts = segments(pattern);
  const literal: string[] = [];
  for (const part of parts) {
    if (hasWildcard(part)) return literal.join('/');
    literal.push(part);
  }
  return literal.join('/');
}

/** The .dockerignore that applies: `<Dockerfile>.dockerignore` next to it first, then the context's. */
async function loadIgnore(context: string, dockerfile: string | null): Promise<DockerIgnore> {
  const candidates = dockerfile ? [join(dirname(dockerfile), `${basename(dockerfile)}.dockerignore`)] : [];
  candidates.push(join(context, '.dockerignore'));
  for (const candidate of candidates) {
    // Most Dockerfiles have neither: a stat that says so costs microseconds, where a failed
    // open is a thrown error and a trip through the thread pool (a CLI run makes two per
    // file). It also passes over a FIFO, whose open would wait for a writer.
    if (!statSync(candidate, { throwIfNoEntry: false })?.isFile()) continue;
    try {
      // A .dockerignore is short; a huge one is read only in its first MiB.
      const handle = await fs.open(candidate, 'r');
      let text: string;
      try {
        const buffer = Buffer.alloc(MAX_IGNORE_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, MAX_IGNORE_BYTES, 0);
        text = buffer.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
      return new DockerIgnore(text);
    } catch {
      // Absent or unreadable: the next candidate, or nothing ignored.
    }
  }
  return new DockerIgnore('');
}

/**
 * Reads what each pattern (`contextPatterns(model)`) names in the context folder. Never
 * throws: unreadable files are skipped, a bound that stops the walk is reported in `limit`.
 */
export async function readContextFacts(
  context: string,
  dockerfile: string | null,
  patterns: readonly string[],
  bounds: ContextBounds = {},
): Promise<ContextFacts> {
  const root = resolve(context);
  const maxFiles = bounds.maxFiles ?? DEFAULT_MAX_FILES;
  const maxBytes = bounds.maxBytes ?? DEFAULT_MAX_BYTES;
  const ignore = await loadIgnore(root, dockerfile);
  const realRoot = await fs.realpath(root).catch(() => root);
  const matches = new Map<string, ContextMatch>();
  const state = { files: 0, bytes: 0, limit: null as string | null };
  const facts = (): ContextFacts => ({ root: context, matches, filesVisited: state.files, bytesRead: state.bytes, limit: state.limit });

  /** Counts one file or folder; false once a bound is reached. */
  const visit = (): boolean => {
    if (state.limit) return false;
    if (state.files >= maxFiles) {
      state.limit = `stopped after looking at ${maxFiles} files of the build context`;
      return false;
    }
    state.files++;
    return true;
  };

  for (const pattern of patterns) {
    if (state.limit) break;
    const match: ContextMatch = { files: 0, elf: [] };
    matches.set(pattern, match);
    const found: string[] = [];
    // The walk below the pattern's literal folder meets no link (it takes folders and files
    // only); a link on the way to that folder must not lead out of the context.
    if (!(await insideContext(literalPrefix(pattern)))) continue;
    await collect(pattern, found);
    for (const path of found) {
      if (state.limit) break;
      match.files++;
      if (match.elf.length >= MAX_ELF_PER_SOURCE) continue;
      const elf = await readFile(join(root, ...path.split('/')));
      if (elf) match.elf.push({ path, elf } satisfies ContextFile);
    }
  }
  return facts();

  /** The regular files a pattern brings, relative to the context. */
  async function collect(pattern: string, into: string[]): Promise<void> {
    if (pattern === '.' || !hasWildcard(pattern)) await addPath(literalPrefix(pattern), into);
    else await walkMatching(literalPrefix(pattern), segments(pattern), into);
  }

  /** True when the path, links resolved, stays in the context (or does not exist). */
  async function insideContext(path: string): Promise<boolean> {
    let real: string;
    try {
      real = await fs.realpath(join(root, ...segments(path)));
    } catch {
      return true;
    }
    return real === realRoot || real.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
  }

  /** A file, or every file below a folder, unless ignored. */
  async function addPath(path: string, into: string[]): Promise<void> {
    if (!visit()) return;
    let stat;
    try {
      stat = await fs.lstat(join(root, ...segments(path)));
    } catch {
      return;
    }
    if (stat.isFile()) {
      if (!ignore.ignores(path)) into.push(path);
    } else if (stat.isDirectory()) await walkAll(path, into);
  }

  /** False for an ignored folder below which no `!` line could re-include anything. */
  function mayHoldIncluded(folder: string): boolean {
    return !ignore.ignores(folder) || ignore.mayIncludeBelow(folder);
  }

  async function entries(folder: string): Promise<Dirent[]> {
    try {
      return (await fs.readdir(join(root, ...segments(folder)), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return [];
    }
  }

  /** Every file below a folder, ignored ones left out; ignored folders are skipped unless a `!` line may re-include below. */
  async function walkAll(folder: string, into: string[]): Promise<void> {
    if (folder && !mayHoldIncluded(folder)) return;
    for (const entry of await entries(folder)) {
      if (!visit()) return;
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.isFile()) {
        if (!ignore.ignores(path)) into.push(path);
      } else if (entry.isDirectory()) await walkAll(path, into);
    }
  }

  /** Files matching a wildcard pattern, walking from its literal prefix; a matching folder brings all it holds. */
  async function walkMatching(folder: string, pattern: readonly string[], into: string[]): Promise<void> {
    const deep = pattern.includes('**');
    for (const entry of await entries(folder)) {
      if (!visit()) return;
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      const parts = segments(path);
      if (matchPath(pattern, parts)) {
        if (entry.isFile()) {
          if (!ignore.ignores(path)) into.push(path);
        } else if (entry.isDirectory()) await walkAll(path, into);
      } else if (entry.isDirectory() && (deep || parts.length < pattern.length)) {
        if (mayHoldIncluded(path)) await walkMatching(path, pattern, into);
      }
    }
  }

  /** The ELF facts of one file, from the cache when it has not changed. */
  async function readFile(path: string): Promise<ElfInfo | null> {
    let handle;
    let key: string;
    try {
      // An unchanged file (same modification time and size) is not opened again.
      const stat = await fs.lstat(path);
      if (!stat.isFile()) return null;
      key = `${path}:${stat.mtimeMs}:${stat.size}`;
      const cached = readings.get(key);
      if (cached) return cached.elf;
      if (state.bytes >= maxBytes) {
        state.limit = `stopped after reading ${maxBytes} bytes of the build context`;
        return null;
      }
      // O_NOFOLLOW: a file swapped for a link since the walk is not followed either.
      handle = await fs.open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    } catch {
      return null;
    }
    try {
      const reading = await readElfFile(handle, (await handle.stat()).size);
      state.bytes += reading.bytes;
      if (readings.size >= MAX_READINGS) readings.clear();
      readings.set(key, reading);
      return reading.elf;
    } catch {
      return null;
    } finally {
      await handle.close();
    }
  }
}

/** Reads an open file's first bytes and, when it is ELF, the headers the reader asks for. */
async function readElfFile(handle: fs.FileHandle, size: number): Promise<FileReading> {
  let bytes = 0;
  const readAt = async (offset: number, length: number): Promise<Uint8Array> => {
    const wanted = Math.max(0, Math.min(length, size - offset));
    const buffer = Buffer.alloc(wanted);
    if (!wanted) return buffer;
    const { bytesRead } = await handle.read(buffer, 0, wanted, offset);
    bytes += bytesRead;
    return buffer.subarray(0, bytesRead);
  };
  const magic = await readAt(0, 4);
  if (!hasElfMagic(magic)) return { elf: null, bytes };
  const elf = await readElfAsync(readAt);
  return { elf: elf ?? null, bytes };
}
