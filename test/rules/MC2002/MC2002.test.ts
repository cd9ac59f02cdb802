// MC2002 glibc-prebuilt-download: downloads of glibc builds (*-linux-gnu, manylinux wheels,
// Node.js and Bun linux tarballs) into musl stages; vendor builds whose libc the name does
// not tell are left alone.
import { fixtureTester, ruleTester } from '../helpers';

const GCOMPAT_LINE = 'RUN apk add --no-cache gcompat';

ruleTester('MC2002', {
  valid: [
    { name: 'a musl Rust release', code: 'FROM alpine:3.20\nRUN wget https://example.com/rg-14.1.0-x86_64-unknown-linux-musl.tar.gz\n' },
    {
      name: 'a linux-gnu build on Debian',
      code: 'FROM debian:12\nRUN curl -LO https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz\n',
    },
    {
      name: 'Node.js musl unofficial build',
      code: 'FROM alpine:3.20\nRUN wget https://unofficial-builds.nodejs.org/download/release/v22.11.0/node-v22.11.0-linux-x64-musl.tar.xz\n',
    },
    {
      name: 'a musllinux wheel',
      code: 'FROM python:3.12-alpine\nRUN pip install https://example.com/pkg-1.0-cp312-cp312-musllinux_1_2_x86_64.whl\n',
    },
    {
      name: 'a vendor linux-x64 tarball that the name does not tie to glibc',
      code: 'FROM alpine:3.20\nRUN wget https://example.com/jdk-21_linux-x64_bin.tar.gz\n',
    },
    {
      name: 'gcompat installed first',
      code: `FROM alpine:3.20\n${GCOMPAT_LINE}\nRUN wget https://example.com/deno-x86_64-unknown-linux-gnu.zip\n`,
    },
    {
      name: 'a comment that mentions linux-gnu',
      code: 'FROM alpine:3.20\n# do not download x86_64-unknown-linux-gnu builds here\nRUN apk add ripgrep\n',
    },
    {
      name: 'a linux-gnu URL that is not downloaded',
      code: 'FROM alpine:3.20\nRUN echo https://example.com/tool-x86_64-unknown-linux-gnu.tar.gz\n',
    },
  ],
  invalid: [
    {
      name: 'ADD of a linux-gnu release',
      code: 'FROM alpine:3.20\nADD https://example.com/deno-x86_64-unknown-linux-gnu.zip /tmp/deno.zip\n',
      errors: [{ code: 'MC2002', line: 2, column: 5, endColumn: 58, message: /Deno's Linux release .*stage 0.*Alpine's `deno` package/ }],
      output: `FROM alpine:3.20\n${GCOMPAT_LINE}\nADD https://example.com/deno-x86_64-unknown-linux-gnu.zip /tmp/deno.zip\n`,
    },
    {
      name: "Node.js's official tarball by wget, through an ENV",
      code: 'FROM alpine:3.20 AS app\nENV NODE=22.11.0\nRUN wget -q https://nodejs.org/dist/v${NODE}/node-v${NODE}-linux-x64.tar.xz && tar -xf node-v${NODE}-linux-x64.tar.xz\n',
      errors: [{ code: 'MC2002', line: 3, column: 13, endColumn: 76, message: /Node\.js's official linux tarball.*stage `app`/ }],
      output: `FROM alpine:3.20 AS app\n${GCOMPAT_LINE}\nENV NODE=22.11.0\nRUN wget -q https://nodejs.org/dist/v\${NODE}/node-v\${NODE}-linux-x64.tar.xz && tar -xf node-v\${NODE}-linux-x64.tar.xz\n`,
    },
    {
      name: 'a manylinux wheel with pip',
      code: 'FROM python:3.12-alpine\nRUN pip install https://example.com/pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl\n',
      errors: [{ code: 'MC2002', line: 2, column: 17, message: /manylinux wheel/ }],
      output: `FROM python:3.12-alpine\n${GCOMPAT_LINE}\nRUN pip install https://example.com/pkg-1.0-cp312-cp312-manylinux_2_17_x86_64.whl\n`,
    },
    {
      name: 'curl -o of a Bun glibc build in an unknown image that uses apk',
      code: 'FROM mycorp/base:2\nRUN apk add --no-cache curl unzip && curl -fsSLo /tmp/bun.zip https://example.com/bun-v1.1.0/bun-linux-x64.zip\n',
      errors: [{ code: 'MC2002', line: 2, column: 63, message: /Bun's glibc build/ }],
      output: `FROM mycorp/base:2\n${GCOMPAT_LINE}\nRUN apk add --no-cache curl unzip && curl -fsSLo /tmp/bun.zip https://example.com/bun-v1.1.0/bun-linux-x64.zip\n`,
    },
  ],
});

fixtureTester('MC2002');
