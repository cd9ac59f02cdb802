// Finds Dockerfiles under the paths given on the command line and reads them as text.
// Regular files and folders are read synchronously: the command has nothing else to do
// meanwhile, and a thread-pool round trip per file cost more than the read itself.
import { promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** Expands files and directories into the files to check, in a stable order. */
export async function collectFiles(paths: readonly string[], problems: PathProblem[], onFolder?: FolderListener): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      problems.push({ path, message: describeError(error) });
      continue;
    }
    if (stat.isDirectory()) walk(path, files, problems, onFolder);
    else files.push(path);
  }
  return files;
}

function walk(directory: string, files: string[], problems: PathProblem[], onFolder: FolderListener | undefined): void {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    problems.push({ path: directory, message: describeError(error) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  onFolder?.(
    directory,
    entries.map((entry) => entry.name),
  );
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path, files, problems, onFolder);
    } else if (entry.isFile() && isDockerfileName(entry.name)) files.push(path);
  }
}

/** Largest file muslcheck reads; larger files are reported, not read. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Decodes file bytes as UTF-8 text, or explains why they are not a text file. */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length > MAX_FILE_BYTES) return { error: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
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
    const stat = statSync(path);
    if (stat.size > MAX_FILE_BYTES) return { error: `file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB` };
    // A pipe (`<(...)`, /dev/stdin) may wait on its writer: that read must not block the process.
    return decodeText(stat.isFile() ? readFileSync(path) : await fs.readFile(path));
  } catch (error) {
    return { error: describeError(error) };
  }
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
