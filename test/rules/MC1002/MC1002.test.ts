// MC1002 glibc-apk-install: `apk add` of glibc, glibc-bin, glibc-i18n or glibc-dev, by
// name, by .apk file (also a glob over downloaded apks) or by URL, in Alpine stages only.
import * as assert from 'node:assert/strict';
import { analyze } from '../../../server/src/analyze';
import { fixtureTester, initRules, ruleTester } from '../helpers';

const RELEASE = 'https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1';
const GCOMPAT = 'apk add --no-cache gcompat';

ruleTester('MC1002', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n',
    // Bash arithmetic stays arithmetic, and `$((` is never split.
    'FROM alpine:3.20\nSHELL ["/bin/bash", "-c"]\nRUN ((glibc = 1)) && echo $((glibc + 1)) \'apk add glibc\'\n',
    'FROM alpine:3.20\nRUN apk add --no-cache musl-dev libc6-compat libc-dev\n',
    'FROM alpine:3.20\nRUN apk add --no-cache glibc-compat-docs-not-a-package-name\n',
    'FROM alpine:3.20\nRUN apk del glibc glibc-bin\n',
    'FROM alpine:3.20\nRUN apk info glibc\n',
    { name: 'a comment that mentions glibc', code: 'FROM alpine:3.20\n# apk add glibc is not needed: gcompat\nRUN apk add gcompat\n' },
    { name: 'glibc in a LABEL', code: 'FROM alpine:3.20\nLABEL glibc="apk add glibc"\n' },
    { name: 'apt-get on Debian', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y libc6 glibc-source\n' },
    { name: 'dnf on Fedora', code: 'FROM fedora:40\nRUN dnf install -y glibc glibc-devel\n' },
    { name: 'yum on CentOS', code: 'FROM centos:7\nRUN yum install -y glibc\n' },
    { name: 'apk in a Debian stage', code: 'FROM debian:12-slim\nRUN apk add glibc\n' },
    { name: 'unknown image without apk', code: 'FROM mycorp/base:1\nRUN opkg install glibc\n' },
    {
      name: 'a local apk that is not glibc',
      code: 'FROM alpine:3.20\nCOPY pkgs/ /tmp/pkgs/\nRUN apk add --allow-untrusted /tmp/pkgs/myapp-1.0-r0.apk\n',
    },
    {
      name: 'a glob that also matches other downloads',
      code: `FROM alpine:3.20\nRUN wget -P /tmp ${RELEASE}/glibc-2.35-r1.apk https://example.com/tool-1.0-r0.apk && apk add /tmp/*.apk\n`,
    },
    { name: 'the package name as a --virtual value', code: 'FROM alpine:3.20\nRUN apk add --virtual glibc curl\n' },
  ],
  invalid: [
    {
      // To sh, dash and BusyBox ash `((...))` is two subshells; tree-sitter-bash reads bash's
      // arithmetic command and, without the second reading, no command at all.
      name: 'inside `((...))`, two subshells to /bin/sh; no fix for a script read again',
      code: 'FROM alpine:3.20\nRUN (((apk add --no-cache glibc))) && ((apk add glibc-bin))\n',
      errors: [
        { code: 'MC1002', line: 2, column: 27, endColumn: 32 },
        { code: 'MC1002', line: 2, column: 49, endColumn: 58 },
      ],
      output: null,
    },
    {
      code: 'FROM alpine:3.20\nRUN apk add --no-cache glibc\n',
      errors: [{ code: 'MC1002', line: 2, column: 24, endLine: 2, endColumn: 29, message: /`apk add glibc`.*gcompat/ }],
      output: `FROM alpine:3.20\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'each glibc package of one call, keeping the others',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache curl glibc=2.35-r1 glibc-bin glibc-i18n\n',
      errors: [
        { code: 'MC1002', line: 2, column: 29, endColumn: 42 },
        { code: 'MC1002', line: 2, column: 43, endColumn: 52 },
        { code: 'MC1002', line: 2, column: 53, endColumn: 63 },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl gcompat\n',
    },
    {
      name: 'a glibc word alone on a continuation line goes with its line',
      code: 'FROM alpine:3.20\nRUN apk add glibc curl \\\n    glibc-bin\nRUN apk add bash \\\n    glibc-i18n \\\n    && true\n',
      errors: [
        { code: 'MC1002', line: 2, column: 13, endColumn: 18 },
        { code: 'MC1002', line: 3, column: 5, endColumn: 14 },
        { code: 'MC1002', line: 5, column: 5, endColumn: 15 },
      ],
      output: 'FROM alpine:3.20\nRUN apk add gcompat curl\nRUN apk add bash \\\n    gcompat \\\n    && true\n',
    },
    {
      name: 'a downloaded file and its cleanup',
      code: `FROM alpine:3.20\nRUN wget -q ${RELEASE}/glibc-2.35-r1.apk && \\\n    apk add --force-overwrite glibc-2.35-r1.apk && \\\n    rm glibc-2.35-r1.apk\n`,
      errors: [
        { code: 'MC1004', line: 2, column: 13, endColumn: 101 },
        { code: 'MC1002', line: 3, column: 31, endColumn: 48 },
      ],
      output: `FROM alpine:3.20\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'a URL given to apk',
      code: `FROM alpine:3.20\nRUN apk add ${RELEASE}/glibc-bin-2.35-r1.apk\n`,
      errors: [
        { code: 'MC1002', line: 2, column: 13, endColumn: 105 },
        { code: 'MC1004', line: 2, column: 13, endColumn: 105 },
      ],
      output: `FROM alpine:3.20\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'a glob over downloaded glibc apks',
      code: `FROM alpine:3.20\nRUN wget -P /tmp ${RELEASE}/glibc-2.35-r1.apk && apk add /tmp/*.apk && rm /tmp/*.apk\n`,
      errors: [{ code: 'MC1002', line: 2, column: 118, endColumn: 128 }],
      output: `FROM alpine:3.20\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'a version kept in a variable',
      code: 'FROM alpine:3.20\nARG GLIBC_VERSION\nRUN apk add --no-cache "glibc-bin-${GLIBC_VERSION}.apk"\n',
      errors: [{ code: 'MC1002', line: 3, column: 24, endColumn: 56 }],
      output: `FROM alpine:3.20\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'unknown image that calls apk',
      code: 'FROM mycorp/base:1\nRUN apk add glibc\n',
      errors: [{ code: 'MC1002', line: 2, column: 13, endColumn: 18 }],
      output: `FROM mycorp/base:1\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'Alpine older than gcompat: the fix is unsafe',
      code: 'FROM alpine:3.9\nRUN apk add glibc\n',
      errors: [{ code: 'MC1002', line: 2, column: 13, endColumn: 18 }],
      output: `FROM alpine:3.9\nRUN ${GCOMPAT}\n`,
    },
    {
      name: 'escape directive and a comment inside the continuation',
      code: '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache `\n    # the runtime\n    glibc-bin `\n    curl\n',
      errors: [{ code: 'MC1002', line: 5, column: 5, endColumn: 14 }],
      output: '# escape=`\nFROM alpine:3.20\nRUN apk add --no-cache `\n    # the runtime\n    gcompat `\n    curl\n',
    },
    {
      name: 'heredoc script (no fix inside here-documents)',
      code: 'FROM alpine:3.20\nRUN <<EOF\nset -e\napk add glibc\nEOF\n',
      errors: [{ code: 'MC1002', line: 4, column: 9, endColumn: 14 }],
      output: null,
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "glibc.apk"]\n',
      errors: [{ code: 'MC1002', line: 2, column: 20, endColumn: 31 }],
      output: null,
    },
    {
      name: 'sh -c payload',
      code: "FROM alpine:3.20\nRUN sh -c 'apk add glibc-i18n'\n",
      errors: [{ code: 'MC1002', line: 2, column: 20, endColumn: 30 }],
      output: null,
    },
    {
      name: 'ONBUILD',
      code: 'FROM alpine:3.20\nONBUILD RUN apk add glibc\n',
      errors: [{ code: 'MC1002', line: 2, column: 21, endColumn: 26 }],
      output: `FROM alpine:3.20\nONBUILD RUN ${GCOMPAT}\n`,
    },
    {
      name: 'lower case, tabs and CRLF',
      code: 'from alpine:3.20\r\nrun\tapk\tadd\tglibc\r\n',
      errors: [{ code: 'MC1002', line: 2, column: 13, endColumn: 18 }],
      output: `from alpine:3.20\r\nrun\t${GCOMPAT}\r\n`,
    },
    {
      name: 'UTF-16 columns after non-ASCII text',
      code: 'FROM alpine:3.20\nRUN echo "𝄞 ü" && apk add glibc\n',
      errors: [{ code: 'MC1002', line: 2, column: 28, endColumn: 33 }],
      output: 'FROM alpine:3.20\nRUN echo "𝄞 ü" && apk add --no-cache gcompat\n',
    },
    {
      name: 'a stage built on an Alpine stage',
      code: 'FROM alpine:3.20 AS base\nFROM base\nRUN apk add glibc\n',
      errors: [{ code: 'MC1002', line: 3, column: 13, endColumn: 18 }],
      output: `FROM alpine:3.20 AS base\nFROM base\nRUN ${GCOMPAT}\n`,
    },
  ],
});

describe('MC1002 details', function () {
  before(initRules);

  it('marks the gcompat fix unsafe on Alpine releases without gcompat', function () {
    const safety = (image: string): string[] =>
      analyze(`FROM ${image}\nRUN apk add glibc\n`).findings.flatMap((f) => f.fixes.map((x) => `${x.safety}: ${x.title}`));
    assert.deepEqual(safety('alpine:3.11'), ['unsafe: Replace the glibc install with gcompat (gcompat needs Alpine 3.12 or later)']);
    assert.deepEqual(safety('node:12-alpine3.9'), ['unsafe: Replace the glibc install with gcompat (gcompat needs Alpine 3.12 or later)']);
    assert.deepEqual(safety('alpine:3.12'), ['safe: Replace the glibc install with gcompat']);
    assert.deepEqual(safety('alpine:edge'), ['safe: Replace the glibc install with gcompat']);
  });

  it('points at the key download as related', function () {
    const text = `FROM alpine:3.20\nRUN wget -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub\nRUN apk add glibc\n`;
    const [finding] = analyze(text).findings.filter((f) => f.code === 'MC1002');
    assert.deepEqual(
      finding.related.map((r) => text.slice(r.span.start, r.span.end)),
      ['https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub'],
    );
  });
});

fixtureTester('MC1002');
