// Preload (`node -r ./test/security/no-network.cjs ...`) that forbids network access at
// the socket level: every way Node opens a connection or resolves a name throws, and each
// attempt is written to stderr with the marker below, so a test sees attempts even when the
// code under test catches the error.
'use strict';
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

const MARKER = 'muslcheck-test: network access blocked:';

function blocked(what) {
  return function () {
    const error = new Error(`${MARKER} ${what}`);
    error.code = 'EMUSLCHECKNONETWORK';
    process.stderr.write(`${MARKER} ${what}\n`);
    throw error;
  };
}

net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
net.Socket.prototype.connect = blocked('net.Socket#connect');
tls.connect = blocked('tls.connect');
for (const name of Object.keys(dns)) {
  if (name === 'lookup' || name === 'lookupService' || name.startsWith('resolve')) dns[name] = blocked(`dns.${name}`);
}
for (const name of Object.keys(dns.promises)) {
  if (name === 'lookup' || name === 'lookupService' || name.startsWith('resolve')) dns.promises[name] = blocked(`dns.promises.${name}`);
}
dns.Resolver.prototype.resolve = blocked('dns.Resolver#resolve');
for (const module of [http, https]) {
  const name = module === http ? 'http' : 'https';
  module.request = blocked(`${name}.request`);
  module.get = blocked(`${name}.get`);
}
const blockedFetch = blocked('fetch');
globalThis.fetch = function () {
  try {
    return blockedFetch();
  } catch (error) {
    return Promise.reject(error);
  }
};
