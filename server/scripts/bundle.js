// Bundles the command line and the language server into one file each (out/bundle/), which
// the `muslcheck` bin loads. Node resolves, reads and compiles ~150 small modules when it
// loads the compiled tree (out/) instead: the bundle starts the server ~70-100 ms sooner on
// the 2-core bench machine. The tree stays the library's entry point (out/index.js).
const { build } = require('esbuild');
const { copyFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const outdir = path.join(root, 'out', 'bundle');

/**
 * web-tree-sitter ships an ES module that finds its runtime through import.meta.url, which a
 * CommonJS bundle does not have; its CommonJS build uses __dirname instead, so bundle that one.
 */
const webTreeSitterCommonJs = {
  name: 'web-tree-sitter-commonjs',
  setup(b) {
    const resolved = require.resolve('web-tree-sitter');
    b.onResolve({ filter: /^web-tree-sitter$/ }, () => ({ path: resolved }));
  },
};

build({
  entryPoints: {
    cli: path.join(root, 'src/cli/main.ts'),
    server: path.join(root, 'src/lsp/server.ts'),
    // The language server's analysis worker, found next to the server bundle.
    'analysis-worker': path.join(root, 'src/lsp/analysis/analysis-worker.ts'),
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Less text to read and parse at start-up; error messages are ours, not stack traces.
  minify: true,
  // import() is turned into require(): a dynamic import inside the vm.Script that
  // bin/load-bundle.js runs needs an experimental loader flag on Node 20.
  supported: { 'dynamic-import': false },
  plugins: [webTreeSitterCommonJs],
  logLevel: 'warning',
}).then(() => {
  // The runtime's own WebAssembly, found next to the bundle; the grammar is read from
  // out/grammars (server/src/node/init.ts looks one folder up).
  mkdirSync(outdir, { recursive: true });
  copyFileSync(
    path.join(path.dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm'),
    path.join(outdir, 'web-tree-sitter.wasm'),
  );
});
