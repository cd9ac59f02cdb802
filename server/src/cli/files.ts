// Finds Dockerfiles under the paths given on the command line and reads them as text.
// Regular files and folders are read synchronously: the command has nothing else to do
// meanwhile, and a thread-pool round trip per file cost more than the read itself. Only
// regular files are read, and no read goes past the size limit, whatever stat says.
import { closeSync, constants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { isDockerfileName } from '../knowledge/file-names';

/** Directory names never descended into. */
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

/** A path that could not be used, with the reason. */
export interface PathProblem {
  path: string;
  message: string;
}

/** Called with each folder walked and the names of its entries. */
export type FolderListener = (folder: string, names: readonly string[]) => void;

/**
 * Expands files and directories into the files to check, in a stable order. Symbolic links
 * inside a searched folder are followed when they lead to a place inside that folder; links
 * that lead outside it are not, and `notes` says so, as it does for Dockerfile links that
 * lead nowhere. A folder or file reached by several names (a loop, a second name) is searched
 * or checked once, under the first.
 */
export async function collectFiles(
  paths: readonly string[],
  problems: PathProblem[],
  onFolder?: FolderListener,
  notes: PathProblem[] = [],
): Promise<string[]> {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      problems.push({ path, message: describeError(error) });
      continue;
    }
    if (stat.isDirectory()) {
      const root = realpathSync(path);
      const walk: Walk = { root, files, problems, notes, onFolder, folders: new Set([root]), seen };
      walkFolder(walk, path, root);
    } else files.push(path);
  }
  return files;
}

/**
 * One folder search: where it started, what it found, and what it has been through. Places
 * are known by their real path, worked out from the folder's without a system call, so only
 * links cost a lookup.
 */
interface Walk {
  /** The searched folder, links resolved: links are followed only within it. */
  root: string;
  files: string[];
  problems: PathProblem[];
  notes: PathProblem[];
  onFolder: FolderListener | undefined;
  /** Real paths of the folders entered, so a link back to one ends the descent. */
  folders: Set<string>;
  /** Real paths of the files collected. */
  seen: Set<string>;
}

/** Walks `directory`, whose real path (links resolved) is `real`. */
function walkFolder(walk: Walk, directory: string, real: string): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    walk.problems.push({ path: directory, message: describeError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  walk.onFolder?.(
    directory,
    entries.map((entry) => entry.name),
  );
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) enterFolder(walk, path, join(real, entry.name));
    } else if (entry.isFile()) {
      if (isDockerfileName(entry.name)) addFile(walk, path, join(real, entry.name));
    } else if (entry.isSymbolicLink() && !SKIPPED_DIRECTORIES.has(entry.name)) followLink(walk, path, isDockerfileName(entry.name));
  }
}

function enterFolder(walk: Walk, path: string, real: string): void {
  if (walk.folders.has(real)) return;
  walk.folders.add(real);
  walkFolder(walk, path, real);
}

function addFile(walk: Walk, path: string, real: string): void {
  if (walk.seen.has(real)) return;
  walk.seen.add(real);
  walk.files.push(path);
}

function followLink(walk: Walk, path: string, dockerfileName: boolean): void {
  let target: string;
  let stat: Stats;
  try {
    target = realpathSync(path);
    stat = statSync(target);
  } catch (error) {
    // A dangling link is only worth a word where a Dockerfile was expected.
    const code = (error as NodeJS.ErrnoException).code;
    if (dockerfileName) walk.notes.push({ path, message: `${code === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link'}; skipped` });
    return;
  }
  if (!stat.isDirectory() && !(stat.isFile() && dockerfileName)) return;
  const inside = relative(walk.root, target);
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    walk.notes.push({ path, message: `symbolic link to ${target}, outside the searched folder; not followed` });
    return;
  }
  // A folder or file reached before (a loop, a second name) is skipped without a word: its
  // Dockerfiles are checked already.
  if (stat.isFile()) addFile(walk, path, target);
  else enterFolder(walk, path, target);
}

/** Largest file muslcheck reads; larger files are reported, not read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Decodes file bytes as UTF-8 text, or explains why they are not a text file. */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length > MAX_FILE_BYTES) return { error: tooLarge() };
  if (bytes.subarray(0, 8192).includes(0)) return { error: 'not a text file (it contains NUL bytes)' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { error: 'not a text file (it is not valid UTF-8)' };
  }
}

/** Reads a file as text, or explains why it cannot be read. */
export async function readTextFile(path: string): Promise<{ text: string } | { error: string }> {
  try {
    // A FIFO would block the open until a writer comes, and a device (/dev/zero) never ends:
    // only regular files are read, judged before opening and again on the open descriptor.
    const before = notRegular(statSync(path));
    if (before) return { error: before };
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(fd);
      const after = notRegular(stat);
      if (after) return { error: after };
      const bytes = readBounded(stat.size, (buffer, offset, length) => readSync(fd, buffer, offset, length, null));
      return bytes ? decodeText(bytes) : { error: tooLarge() };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return { error: describeError(error) };
  }
}

/** Why a path that is not a regular file is not read, or null for a regular file. */
function notRegular(stat: Stats): string | null {
  if (stat.isFile()) return null;
  const kind = stat.isDirectory()
    ? 'a directory'
    : stat.isFIFO()
      ? 'a FIFO'
      : stat.isCharacterDevice()
        ? 'a character device'
        : stat.isBlockDevice()
          ? 'a block device'
          : stat.isSocket()
            ? 'a socket'
            : 'a special file';
  return `not a regular file (it is ${kind}); pass \`-\` to read standard input`;
}

/** The message for input over MAX_FILE_BYTES. */
export function tooLarge(): string {
  return `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`;
}

/**
 * Reads until the end or one byte past MAX_FILE_BYTES, whichever comes first. The size from
 * stat only sizes the first buffer (one read for most files, and a last one that finds the
 * end): a file can grow while it is read, and /proc files say 0.
 */
function readBounded(size: number, read: (buffer: Buffer, offset: number, length: number) => number): Buffer | null {
  let buffer = Buffer.allocUnsafe(Math.min(Math.max(size + 1, 4096), MAX_FILE_BYTES + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, MAX_FILE_BYTES + 1));
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
    }
    const count = read(buffer, length, buffer.length - length);
    if (count === 0) return buffer.subarray(0, length);
    length += count;
    if (length > MAX_FILE_BYTES) return null;
  }
}

/**
 * Reads a stream to its end, or stops as soon as it holds more than MAX_FILE_BYTES (null then):
 * what is beyond the limit is never kept.
 */
export async function readStreamBounded(stream: NodeJS.ReadableStream): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    length += bytes.length;
    if (length > MAX_FILE_BYTES) return null;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, length);
}

/** A one-line description of a file system error. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
