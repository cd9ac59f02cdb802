'use strict';
// A worker thread of the muslcheck command (server/src/cli/workers.ts): the same bundle as
// the command, loaded with its code cache, checking the files the main thread sends.
const { loadBundle } = require('./load-bundle');

loadBundle('cli').exports.serveCliWorker();
