// Preload for the language server under test (`node --expose-gc -r ...`): on SIGUSR2 it
// collects garbage and writes the heap size to stderr, so a test can compare memory before
// and after documents are opened and closed.
'use strict';
process.on('SIGUSR2', () => {
  globalThis.gc();
  globalThis.gc();
  process.stderr.write(`muslcheck-test: heapUsed=${process.memoryUsage().heapUsed}\n`);
});
