// No dead exports: a function the analysis core or the node adapters export is used by
// another module, a test, a script or the client. One used only in its own file is private.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const REPO = join(__dirname, '..', '..');
/** Every module of the server is checked, the front ends (cli/, lsp/) too. */
const CHECKED = /^server\/src\//;

function sources(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  const root = join(REPO, folder);
  if (!existsSync(root)) return files;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !/\.(?:[cm]?ts|[cm]?js)$/.test(entry.name) || /[/\\](?:node_modules|out)[/\\]/.test(path)) continue;
    files.set(relative(REPO, path).split(sep).join('/'), readFileSync(path, 'utf8'));
  }
  return files;
}

describe('architecture: exports', function () {
  it('every exported function of server/src is used outside its file', function () {
    const all = new Map([
      ...sources('server/src'),
      ...sources('test'),
      ...sources('scripts'),
      ...sources('bench'),
      ...sources('client/src'),
    ]);
    const unused: string[] = [];
    for (const [file, text] of all) {
      if (!CHECKED.test(file)) continue;
      for (const [, name] of text.matchAll(/^export (?:async )?function\*? (\w+)/gm)) {
        const word = new RegExp(`\\b${name}\\b`);
        if (![...all].some(([other, body]) => other !== file && word.test(body))) unused.push(`${file}: ${name}`);
      }
    }
    assert.ok(all.size > 100, `read ${all.size} files`);
    assert.deepEqual(unused, []);
  });
});
