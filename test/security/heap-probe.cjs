// Preload for the language server under test (`node --expose-gc -r ...`): on SIGUSR2 it
// collects garbage and writes the heap size to stderr, so a test can compare memory before
// and after documents are opened and closed. The preload runs in the analysis worker too,
// which signals do not reach: the main thread asks it over a broadcast channel, and it
// writes its own line.
'use strict';
const { BroadcastChannel, isMainThread } = require('node:worker_threads');

const channel = new BroadcastChannel('muslcheck-test-heap');
channel.unref();
const measure = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};
if (isMainThread) {
  process.on('SIGUSR2', () => {
    process.stderr.write(`muslcheck-test: heapUsed=${measure()}\n`);
    channel.postMessage('measure');
  });
} else {
  channel.onmessage = () => process.stderr.write(`muslcheck-test: worker heapUsed=${measure()}\n`);
}
