// What every generator target shares: the repository root, and a file's expected text as
// the target computes it from what is on disk now.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');

/** A file a target generates (wholly, or the generated parts of it). */
export interface GeneratedFile {
  path: string;
  /** The current text, or null when the file does not exist yet. */
  before: string | null;
  /** The text it should have. */
  after: string;
}

/** What a target produced: files, and problems a person must fix (nothing to regenerate). */
export interface TargetResult {
  files: GeneratedFile[];
  problems: string[];
}

/** A file's text, or null when it is missing. */
export function readOrNull(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** Formats generated source as `prettier --check` expects it, with the repository's settings. */
export async function formatted(path: string, text: string, parser: string): Promise<string> {
  const options = (await prettier.resolveConfig(path)) ?? {};
  return prettier.format(text, { ...options, parser, filepath: path });
}
