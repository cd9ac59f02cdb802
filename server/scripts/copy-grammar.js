// Copies the bash grammar's WebAssembly build next to the compiled code, so the published
// package needs neither tree-sitter-bash (20 MB of sources) nor its native install script.
const fs = require('node:fs');
const path = require('node:path');

const source = require.resolve('tree-sitter-bash/tree-sitter-bash.wasm');
const target = path.join(__dirname, '..', 'out', 'grammars', 'tree-sitter-bash.wasm');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(source, target);
