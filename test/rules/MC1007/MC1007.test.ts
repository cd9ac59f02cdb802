// MC1007 glibc-loader-workaround: loader symlinks (either direction, any architecture),
// patchelf onto musl's loader, LD_PRELOAD of glibc libraries, and libc6-compat for glibc code.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const GO_BUILDER = 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\n';

ruleTester('MC1007', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n',
    { name: 'ln -s of unrelated libraries', code: 'FROM alpine:3.20\nRUN ln -s /usr/lib/libssl.so.3 /usr/lib/libssl.so\n' },
    { name: 'ln -s of the musl loader to its own name', code: 'FROM alpine:3.20\nRUN ln -sf /lib/ld-musl-x86_64.so.1 /usr/bin/ldd\n' },
    { name: 'patchelf --set-rpath', code: 'FROM alpine:3.20\nRUN patchelf --set-rpath /opt/app/lib /opt/app/bin/app\n' },
    {
      name: 'patchelf onto the glibc loader in a Debian stage',
      code: 'FROM debian:12\nRUN patchelf --set-interpreter /lib64/ld-linux-x86-64.so.2 /opt/app\n',
    },
    {
      name: 'LD_PRELOAD of a musl library (jemalloc)',
      code: 'FROM alpine:3.20\nRUN apk add jemalloc\nENV LD_PRELOAD=/usr/lib/libjemalloc.so.2\n',
    },
    { name: 'LD_PRELOAD of gcompat', code: 'FROM alpine:3.20\nRUN apk add gcompat\nENV LD_PRELOAD=/lib/libgcompat.so.0\n' },
    {
      name: 'LD_PRELOAD of glibc on Debian',
      code: 'FROM debian:12\nENV LD_PRELOAD=/lib/x86_64-linux-gnu/libpthread.so.0\n',
    },
    {
      name: 'comments name the workarounds',
      code: 'FROM alpine:3.20\n# not: ln -s /lib/ld-musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2\n# nor LD_PRELOAD=/lib/libc.so.6\nRUN apk add gcompat\n',
    },
    { name: 'libc6-compat with nothing glibc copied in', code: 'FROM node:20-alpine\nRUN apk add --no-cache libc6-compat\n' },
    {
      name: 'libc6-compat next to gcompat',
      code: `${GO_BUILDER}FROM alpine:3.20\nRUN apk add --no-cache gcompat libc6-compat\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'libc6-compat and a static Go build',
      code: 'FROM golang:1.22 AS build\nENV CGO_ENABLED=0\nRUN go build -o /out/app .\nFROM alpine:3.20\nRUN apk add libc6-compat\nCOPY --from=build /out/app /app\n',
    },
    {
      name: 'the musl-to-glibc link on Debian is not for musl',
      code: 'FROM debian:12\nRUN ln -s /lib/ld-musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2\n',
    },
  ],
  invalid: [
    {
      name: "musl's loader under glibc's name",
      code: 'FROM alpine:3.20\nRUN mkdir /lib64 && ln -s /lib/ld-musl-x86_64.so.1 /lib64/ld-linux-x86-64.so.2\n',
      errors: [{ code: 'MC1007', line: 2, column: 21, endColumn: 79, message: /gives musl's loader glibc's name.*gcompat/ }],
    },
    {
      name: 'aarch64, ln -sf, libc.musl to libc.so.6',
      code: 'FROM --platform=linux/arm64 alpine:3.20\nRUN ln -sf /lib/libc.musl-aarch64.so.1 /lib/libc.so.6 \\\n && ln -sf /lib/ld-musl-aarch64.so.1 /lib/ld-linux-aarch64.so.1\n',
      errors: [
        { code: 'MC1007', line: 2, column: 5, endColumn: 54, message: /gives musl's C library glibc's name/ },
        { code: 'MC1007', line: 3, column: 5, endColumn: 64, message: /gives musl's loader glibc's name/ },
      ],
    },
    {
      name: "the reverse on Debian: glibc under musl's name",
      code: 'FROM debian:12-slim\nRUN ln -s /lib/x86_64-linux-gnu/libc.so.6 /lib/ld-musl-x86_64.so.1\n',
      errors: [{ code: 'MC1007', line: 2, column: 5, endColumn: 67, message: /gives glibc's library musl's name/ }],
    },
    {
      name: 'patchelf onto musl',
      code: 'FROM alpine:3.20\nCOPY app /app\nRUN patchelf --set-interpreter /lib/ld-musl-x86_64.so.1 /app\n',
      errors: [{ code: 'MC1007', line: 3, column: 14, endColumn: 56, message: /patchelf --set-interpreter/ }],
    },
    {
      name: 'LD_PRELOAD in ENV and in a RUN assignment',
      code: 'FROM alpine:3.20\nENV LD_PRELOAD=/lib/libc.so.6\nRUN LD_PRELOAD="/opt/lib/libpthread.so.0 /opt/lib/libdl.so.2" ./app\n',
      errors: [
        { code: 'MC1007', line: 2, column: 16, endColumn: 30, message: /`\/lib\/libc\.so\.6`/ },
        { code: 'MC1007', line: 3, column: 16, endColumn: 62 },
      ],
    },
    {
      name: 'libc6-compat for a Go binary built with cgo: gcompat instead',
      code: `${GO_BUILDER}FROM alpine:3.20\nRUN apk add --no-cache libc6-compat\nCOPY --from=build /out/app /app\n`,
      errors: [{ code: 'MC1007', line: 4, column: 24, endColumn: 36, message: /libc6-compat` only adds glibc's file names/ }],
      output: `${GO_BUILDER}FROM alpine:3.20\nRUN apk add --no-cache gcompat\nCOPY --from=build /out/app /app\n`,
    },
    {
      name: 'libc6-compat for a downloaded glibc build',
      code: 'FROM alpine:3.20\nRUN apk add libc6-compat && wget https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz\n',
      errors: [
        { code: 'MC1007', line: 2, column: 13, endColumn: 25, message: /glibc-linked download/ },
        { code: 'MC2002', line: 2, column: 34, endColumn: 97 },
      ],
      output: 'FROM alpine:3.20\nRUN apk add gcompat && wget https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz\n',
    },
    {
      name: 'libc6-compat on an Alpine release without gcompat: the fix is unsafe',
      code: `${GO_BUILDER}FROM alpine:3.9\nRUN apk add libc6-compat\nCOPY --from=build /out/app /app\n`,
      errors: [{ code: 'MC1007', line: 4, column: 13, endColumn: 25 }],
      output: `${GO_BUILDER}FROM alpine:3.9\nRUN apk add gcompat\nCOPY --from=build /out/app /app\n`,
    },
  ],
});

describe('MC1007 fix safety', function () {
  before(initRules);

  it('replaces libc6-compat with gcompat safely, unless the Alpine release predates gcompat', function () {
    const safety = (alpine: string): string[] =>
      analyze(`${GO_BUILDER}FROM alpine:${alpine}\nRUN apk add libc6-compat\nCOPY --from=build /out/app /app\n`)
        .findings.filter((f) => f.code === 'MC1007')
        .flatMap((f) => f.fixes.map((x) => x.safety));
    assert.deepEqual(safety('3.20'), ['safe']);
    assert.deepEqual(safety('3.9'), ['unsafe']);
  });
});

fixtureTester('MC1007');
