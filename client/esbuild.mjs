// Bundles the extension and the language server into dist/ so the .vsix needs no
// node_modules, and copies what the bundled server loads at run time: the bash grammar
// (server/src/node/init.ts reads ../grammars/ relative to the server bundle), the
// web-tree-sitter runtime (located next to the bundle, web-tree-sitter's scriptDirectory)
// and the pragma highlighting grammar.
//   node esbuild.mjs               development build with source maps
//   node esbuild.mjs --production  minified, as packaged
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const dist = join(here, 'dist');
const production = process.argv.includes('--production');
const require = createRequire(import.meta.url);

/**
 * web-tree-sitter ships an ES module that finds its wasm through import.meta.url, which a
 * CommonJS bundle does not have; its CommonJS build uses __dirname instead, so bundle that one.
 */
const webTreeSitterCommonJs = {
  name: 'web-tree-sitter-commonjs',
  setup(b) {
    const path = require.resolve('web-tree-sitter');
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

/** Copies `from` to `to`, failing with a hint when an input is missing. */
function copy(from, to, hint) {
  if (!existsSync(from)) throw new Error(`esbuild.mjs: ${from} is missing; ${hint}`);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

rmSync(dist, { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: [join(here, 'src/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] }),
  build({
    ...common,
    entryPoints: [join(here, 'src/server-main.ts')],
    outfile: join(dist, 'server/server.js'),
    plugins: [webTreeSitterCommonJs],
  }),
  // The server's analysis worker thread, which it starts from the folder it runs in.
  build({
    ...common,
    entryPoints: [join(root, 'server/src/lsp/analysis/analysis-worker.ts')],
    outfile: join(dist, 'server/analysis-worker.js'),
    plugins: [webTreeSitterCommonJs],
  }),
]);
copy(join(root, 'server/out/grammars/tree-sitter-bash.wasm'), join(dist, 'grammars/tree-sitter-bash.wasm'), 'run `npm run build` first');
copy(
  join(dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'),
  join(dist, 'server/web-tree-sitter.wasm'),
  'run `npm install`',
);
copy(
  join(root, 'syntaxes/muslcheck-pragma.injection.json'),
  join(dist, 'syntaxes/muslcheck-pragma.injection.json'),
  'the pragma grammar belongs in syntaxes/',
);
