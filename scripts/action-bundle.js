// Copies the command line's single-file bundle and its two WebAssembly files from the build
// (server/out) into action/dist, which is committed: the GitHub Action runs the checkout it
// was given, with no npm install and no registry download. `npm run build` runs this;
// `--check` only reports whether action/dist matches the build (CI fails on a stale copy).
'use strict';
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const out = path.join(root, 'server', 'out');
const dist = path.join(root, 'action', 'dist');

/** Source in server/out → place in action/dist (where init.ts and web-tree-sitter look). */
const FILES = [
  ['bundle/cli.js', 'cli.js'],
  ['bundle/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
  ['grammars/tree-sitter-bash.wasm', 'grammars/tree-sitter-bash.wasm'],
];

const check = process.argv.includes('--check');
const stale = [];
for (const [from, to] of FILES) {
  const source = path.join(out, from);
  if (!existsSync(source)) {
    console.error(`action-bundle: ${path.relative(root, source)} is missing: run npm run build`);
    process.exit(2);
  }
  const bytes = readFileSync(source);
  const target = path.join(dist, to);
  if (existsSync(target) && readFileSync(target).equals(bytes)) continue;
  stale.push(path.relative(root, target));
  if (!check) {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, bytes);
  }
}
if (check && stale.length) {
  console.error(`action-bundle: ${stale.join(', ')} differ from the build: run npm run build and commit action/dist`);
  process.exit(1);
}
