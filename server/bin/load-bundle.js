'use strict';
// Loads one of the single-file bundles (out/bundle/NAME.js) the way Node's require would,
// but hands V8 the code cache the build wrote beside it (NAME.js.cache): the functions a first
// run compiles, so a new process neither parses the 0.5 MB bundle nor compiles them again.
// The cache is only ever read here; scripts/code-cache.js writes it at build time, into the
// package itself, so it is as trusted as the bundle. Any doubt about it means a plain compile.
const { isAscii } = require('node:buffer');
const { createHash } = require('node:crypto');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

/** Where the bundles are, next to the compiled tree. */
const BUNDLE_FOLDER = path.join(__dirname, '..', 'out', 'bundle');

/**
 * A cache file starts with the SHA-256 of the bundle it was made from. V8 checks only the
 * source's length, so a rebuilt bundle of the same length would otherwise run stale bytecode.
 */
const DIGEST_BYTES = 32;

/**
 * V8 flags of muslcheck's own processes. `--liftoff-only`: tree-sitter-bash's generated lexer
 * is one very large WebAssembly function. Once it runs hot, V8 compiles it again with its
 * optimising tier on a background thread: about 0.8 s of CPU, which a process waits for
 * before it can exit, so a CLI run over one file took a second. V8's baseline code parses
 * real Dockerfiles within a few percent of the optimised code.
 */
const V8_FLAGS = '--liftoff-only';

/**
 * Runs a bundle under muslcheck's V8 flags (set first: a code cache is valid only under the
 * flags it was made with). Returns its exports, how its cache was taken (`used`; `rejected`
 * by V8, e.g. made by another Node version or under other V8 flags; `stale`; or `none`) and a
 * way to write a new one.
 */
function loadBundle(name, folder = BUNDLE_FOLDER) {
  v8.setFlagsFromString(V8_FLAGS);
  const file = path.join(folder, `${name}.js`);
  const cacheFile = `${file}.cache`;
  const bytes = readFileSync(file);
  const digest = createHash('sha256').update(bytes).digest();
  // esbuild writes ASCII, which decodes several times faster as Latin-1 than as UTF-8.
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cached = readCache(cacheFile);
  const fresh = cached !== null && cached.subarray(0, DIGEST_BYTES).equals(digest);
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    cachedData: fresh ? cached.subarray(DIGEST_BYTES) : undefined,
  });
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, folder);
  module.loaded = true;
  return {
    exports: module.exports,
    cache: cached === null ? 'none' : !fresh ? 'stale' : script.cachedDataRejected ? 'rejected' : 'used',
    /** Writes the code compiled so far; call it after a representative run. */
    writeCache: () => {
      // Renamed into place, so a process starting meanwhile never reads half a file.
      const partial = `${cacheFile}.${process.pid}`;
      writeFileSync(partial, Buffer.concat([digest, script.createCachedData()]));
      renameSync(partial, cacheFile);
    },
  };
}

function readCache(file) {
  try {
    const data = readFileSync(file);
    return data.length > DIGEST_BYTES ? data : null;
  } catch {
    return null;
  }
}

module.exports = { loadBundle };
