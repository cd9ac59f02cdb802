// No document may send users to a muslcheck package that is not published: every install
// path the docs name must work from this repository (docs/releasing.md says when that
// changes). `npx --no-install muslcheck` runs a local install and is fine.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Every Markdown and YAML file users read, outside dependencies and build output. */
function documents(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ['node_modules', '.git', '.cache', 'out', 'dist', 'test-results'].includes(entry.name) ? [] : documents(path);
    return /\.(md|ya?ml)$/.test(entry.name) ? [path] : [];
  });
}

/** Registry installs of the unpublished package. */
const UNPUBLISHED = [/npm (install|i) (-g|--global) muslcheck(?![-\w./])/, /npx (--yes |-y )?muslcheck/, /muslcheck@\d/];

describe('install instructions', () => {
  it('name no registry package of muslcheck, which is not published', () => {
    const offending: string[] = [];
    for (const file of documents(ROOT)) {
      const name = relative(ROOT, file);
      if (name === join('docs', 'releasing.md') || name === 'CHANGELOG.md') continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (UNPUBLISHED.some((pattern) => pattern.test(line))) offending.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(offending, []);
  });
});
