// Finds and reads muslcheck configuration files for a checked file: the nearest
// .muslcheck.yaml / .muslcheck.yml / .muslcheck.json from the file's folder up to the
// repository root (a folder holding .git), else the user's $XDG_CONFIG_HOME/muslcheck/config.yaml.
// The CLI and the language server both call loadConfigFor, so they see the same settings.
import { lstatSync, promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { resolveConfig } from '../config/merge';
import type { ConfigError, ConfigLayer, ResolvedConfig } from '../config/types';
import { MAX_CONFIG_LENGTH, parseConfigText } from '../config/validate';
import { FORMATTERS } from '../outputs/index';

/** Names looked for in each folder, in this order; the first that exists is used. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.muslcheck.yaml', '.muslcheck.yml', '.muslcheck.json'];

/** Names looked for in the user configuration folder ($XDG_CONFIG_HOME/muslcheck). */
export const USER_CONFIG_FILE_NAMES: readonly string[] = ['config.yaml', 'config.yml', 'config.json'];

/** A configuration that was found (or none: `source` null and an empty layer). */
export interface LoadedConfig {
  /** What the file says. */
  layer: ConfigLayer;
  /** The file over the defaults, without environment or command line. */
  config: ResolvedConfig;
  /** Path of the file read, or null when none was found. */
  source: string | null;
}

/** A configuration file that could not be used. */
export interface ConfigLoadError {
  /** The first problem, for callers that show one. */
  error: ConfigError;
  errors: ConfigError[];
}

/** Where to look besides the file's folders; tests and the language server pass their own. */
export interface ConfigLookupOptions {
  /** Environment for XDG_CONFIG_HOME and HOME (default: process.env). */
  env?: Readonly<Record<string, string | undefined>>;
}

// The search is synchronous: an lstat that finds nothing costs microseconds, and awaiting each
// one through the thread pool made a tree of 10,000 folders wait on 240,000 round trips.
/** Per folder: the configuration file that applies to it, or null when the search stopped without one. */
const fileForFolder = new Map<string, string | null>();
/** Per user configuration folder: the file found there, or null. */
const fileForUserFolder = new Map<string, string | null>();
/** Per configuration file (or NO_FILE): its one load, shared by every folder it applies to. */
const loads = new Map<string, Promise<LoadedConfig | ConfigLoadError>>();
const NO_FILE = '\0none';
/** Folder listings already read by someone else (the CLI's walk): they answer `exists` without an lstat. */
const listings = new Map<string, ReadonlySet<string>>();

/**
 * Tells the search what a folder holds. The CLI has just listed every folder it walks, and
 * four lstats per folder (three names and .git) were a tenth of a run over a large tree.
 */
export function rememberFolderListing(folder: string, names: Iterable<string>): void {
  listings.set(resolve(folder), new Set(names));
}

/** The configuration that applies to `filePath`, cached per folder. */
export function loadConfigFor(filePath: string, options: ConfigLookupOptions = {}): Promise<LoadedConfig | ConfigLoadError> {
  const userFolder = userConfigFolder(options.env ?? process.env);
  const file = configFileIn(dirname(resolve(filePath))) ?? (userFolder ? userConfigFile(userFolder) : null);
  const key = file ?? NO_FILE;
  let pending = loads.get(key);
  if (!pending) {
    pending = file ? loadConfigFile(file) : Promise.resolve({ layer: {}, config: resolveConfig([]), source: null });
    loads.set(key, pending);
  }
  return pending;
}

/** The user-level configuration file ($XDG_CONFIG_HOME/muslcheck/config.yaml or the like), or null. */
export function userConfigPath(env: Readonly<Record<string, string | undefined>> = process.env): string | null {
  const folder = userConfigFolder(env);
  return folder ? userConfigFile(folder) : null;
}

/**
 * The user-level configuration, read once, or null when there is none or it cannot be used.
 * Beside a repository's own file it only answers whether the user agrees to network use.
 */
export async function loadUserConfig(env: Readonly<Record<string, string | undefined>> = process.env): Promise<LoadedConfig | null> {
  const file = userConfigPath(env);
  if (!file) return null;
  let pending = loads.get(file);
  if (!pending) {
    pending = loadConfigFile(file);
    loads.set(file, pending);
  }
  const loaded = await pending;
  return 'errors' in loaded ? null : loaded;
}

/** Forgets every cached lookup (the language server calls this when a config file changes). */
export function clearConfigCache(): void {
  fileForFolder.clear();
  fileForUserFolder.clear();
  loads.clear();
  listings.clear();
}

/**
 * The nearest configuration file from `folder` up to the repository root (a folder holding
 * .git) or the file system root. A folder without one takes its parent's answer, which is
 * cached too, so each folder of a tree is looked at once.
 */
function configFileIn(folder: string): string | null {
  const known = fileForFolder.get(folder);
  if (known !== undefined) return known;
  let found = firstExisting(folder, CONFIG_FILE_NAMES);
  if (!found) {
    const parent = dirname(folder);
    if (parent !== folder && !exists(join(folder, '.git'))) found = configFileIn(parent);
  }
  fileForFolder.set(folder, found);
  return found;
}

function userConfigFile(userFolder: string): string | null {
  let found = fileForUserFolder.get(userFolder);
  if (found === undefined) {
    found = firstExisting(userFolder, USER_CONFIG_FILE_NAMES);
    fileForUserFolder.set(userFolder, found);
  }
  return found;
}

/** Reads one configuration file named explicitly (`--config FILE`); not cached. */
export async function loadConfigFile(path: string): Promise<LoadedConfig | ConfigLoadError> {
  const errors = (message: string): ConfigLoadError => {
    const error = { file: path, line: 1, column: 1, message };
    return { error, errors: [error] };
  };
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (error) {
    return errors(
      `cannot read configuration: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
    );
  }
  // A FIFO or device would block the read forever; a huge file is not a configuration.
  if (!stat.isFile()) return errors('configuration is not a regular file');
  if (stat.size > MAX_CONFIG_LENGTH * 4) return errors(`configuration is larger than ${MAX_CONFIG_LENGTH / 1024} KiB`);
  let text: string;
  try {
    const bytes = await readAtMost(path, MAX_CONFIG_LENGTH * 4);
    if (!bytes) return errors(`configuration is larger than ${MAX_CONFIG_LENGTH / 1024} KiB`);
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return errors(
      error instanceof TypeError ? 'configuration is not valid UTF-8' : `cannot read configuration: ${(error as Error).message}`,
    );
  }
  const parsed = parseConfigText(
    text,
    path,
    FORMATTERS.map((f) => f.name),
  );
  if ('errors' in parsed) return { error: parsed.errors[0], errors: parsed.errors };
  return { layer: parsed.layer, config: resolveConfig([parsed.layer]), source: path };
}

/** The file's bytes, or null when it holds more than `max`: the size stat gave may be stale. */
async function readAtMost(path: string, max: number): Promise<Buffer | null> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(max + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) return buffer.subarray(0, length);
      length += bytesRead;
      if (length > max) return null;
    }
  } finally {
    await handle.close();
  }
}

/** $XDG_CONFIG_HOME/muslcheck, or ~/.config/muslcheck; null when neither can be known. */
export function userConfigFolder(env: Readonly<Record<string, string | undefined>>): string | null {
  // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = env.XDG_CONFIG_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, 'muslcheck');
  const home = env.HOME || homedir();
  return home ? join(home, '.config', 'muslcheck') : null;
}

function firstExisting(folder: string, names: readonly string[]): string | null {
  for (const name of names) if (exists(join(folder, name))) return join(folder, name);
  return null;
}

/** True when something is at `path`, a dangling symbolic link included (loading it then reports why). */
function exists(path: string): boolean {
  const listing = listings.get(dirname(path));
  if (listing) return listing.has(basename(path));
  try {
    return lstatSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}
