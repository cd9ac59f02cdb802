'use strict';
// The peers as published: dockerfile-utils and the language server, when loaded after this,
// get the unpatched dockerfile-ast (dockerfile-ast-baseline), not the copy patched under
// patches/ for muslcheck. Other requests, muslcheck's own included, resolve as usual.
const Module = require('node:module');
const path = require('node:path');

const PEERS = [
  `${path.sep}dockerfile-utils${path.sep}`,
  `${path.sep}dockerfile-language-service${path.sep}`,
  `${path.sep}dockerfile-language-server-nodejs${path.sep}`,
];
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  const fromPeer = request === 'dockerfile-ast' && parent && PEERS.some((p) => (parent.filename || '').includes(p));
  return resolveFilename.call(this, fromPeer ? 'dockerfile-ast-baseline' : request, parent, ...rest);
};
