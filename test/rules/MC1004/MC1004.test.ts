// MC1004 glibc-apk-download: URLs that fetch glibc apks (any <owner>/alpine-pkg-glibc on
// GitHub, alpine-pkgs.sgerrand.com) in RUN words, ARG/ENV values and ADD sources.
import { fixtureTester, ruleTester } from '../helpers';

const RELEASE = 'https://github.com/sgerrand/alpine-pkg-glibc/releases/download/2.35-r1';

ruleTester('MC1004', {
  valid: [
    {
      name: 'the key alone is MC1003',
      code: 'FROM alpine:3.20\nRUN wget -O /etc/apk/keys/sgerrand.rsa.pub https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub\n',
    },
    {
      name: 'another repository of the same owner',
      code: 'FROM alpine:3.20\nRUN wget https://github.com/sgerrand/ruby-dotenv/archive/v1.tar.gz\n',
    },
    { name: 'a comment', code: `FROM alpine:3.20\n# see ${RELEASE}/glibc-2.35-r1.apk\nRUN apk add gcompat\n` },
    { name: 'a LABEL', code: `FROM alpine:3.20\nLABEL source="${RELEASE}"\n` },
    { name: 'a Debian stage', code: `FROM debian:12\nRUN wget ${RELEASE}/glibc-2.35-r1.apk\n` },
    { name: 'an unknown image that never calls apk', code: `FROM mycorp/base:1\nRUN wget ${RELEASE}/glibc-2.35-r1.apk\n` },
    { name: 'a global ARG used only by a Debian stage', code: `ARG GLIBC_URL=${RELEASE}\nFROM debian:12\nRUN echo $GLIBC_URL\n` },
    {
      name: 'Alpine packages from the official mirror',
      code: 'FROM alpine:3.20\nRUN apk add --repository https://dl-cdn.alpinelinux.org/alpine/edge/community gcompat\n',
    },
  ],
  invalid: [
    {
      code: `FROM alpine:3.20\nRUN wget -q ${RELEASE}/glibc-2.35-r1.apk && apk add glibc-2.35-r1.apk\n`,
      errors: [
        { code: 'MC1004', line: 2, column: 13, endColumn: 101, message: /`github\.com\/sgerrand\/alpine-pkg-glibc`/ },
        { code: 'MC1002', line: 2, column: 113, endColumn: 130 },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n',
    },
    {
      name: 'a download without an install is removed',
      code: `FROM alpine:3.20\nRUN apk add --no-cache curl && curl -fsSLO ${RELEASE}/glibc-bin-2.35-r1.apk\n`,
      errors: [{ code: 'MC1004', line: 2, column: 44, endColumn: 136 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
    },
    {
      name: 'the sgerrand package host',
      code: 'FROM alpine:3.20\nRUN wget http://alpine-pkgs.sgerrand.com/glibc-2.23-r3.apk\n',
      errors: [{ code: 'MC1004', line: 2, column: 10, endColumn: 59, message: /`alpine-pkgs\.sgerrand\.com`/ }],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: 'any fork, through unresolved variables',
      code: 'FROM alpine:3.20\nARG GLIBC_VERSION\nRUN wget "https://github.com/${OWNER}/alpine-pkg-glibc/releases/download/${GLIBC_VERSION}/glibc-${GLIBC_VERSION}.apk"\n',
      errors: [{ code: 'MC1004', line: 3, column: 10, endColumn: 118 }],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: 'ENV and global ARG values (no fix: the RUNs use them)',
      code: `ARG GLIBC_REPO=https://github.com/SatoshiPortal/alpine-pkg-glibc\nFROM alpine:3.20\nENV GLIBC_URL=${RELEASE}\nRUN echo "$GLIBC_URL"\n`,
      errors: [
        { code: 'MC1004', line: 1, column: 16, endColumn: 65, message: /SatoshiPortal/ },
        { code: 'MC1004', line: 3, column: 15, endColumn: 85 },
      ],
      output: null,
    },
    {
      name: 'ADD of an apk URL',
      code: `FROM alpine:3.20\nADD ${RELEASE}/glibc-2.35-r1.apk /tmp/\n`,
      errors: [{ code: 'MC1004', line: 2, column: 5, endColumn: 93 }],
      output: null,
    },
    {
      name: 'sh -c payload: one finding, on the URL',
      code: `FROM alpine:3.20\nRUN sh -c 'wget ${RELEASE}/glibc-2.35-r1.apk'\n`,
      errors: [{ code: 'MC1004', line: 2, column: 17, endColumn: 105 }],
      output: null,
    },
    {
      name: 'here-document script',
      code: `FROM alpine:3.20\nRUN <<EOF\nwget ${RELEASE}/glibc-2.35-r1.apk\nEOF\n`,
      errors: [{ code: 'MC1004', line: 3, column: 6, endColumn: 94 }],
      output: null,
    },
    {
      name: 'unknown image that calls apk, tabs and CRLF',
      code: `FROM\tmycorp/base:1\r\nRUN\twget\t${RELEASE}/glibc-2.35-r1.apk\t&&\tapk\tadd\tgcompat\r\n`,
      errors: [{ code: 'MC1004', line: 2, column: 10, endColumn: 98 }],
      output: 'FROM\tmycorp/base:1\r\nRUN\tapk\tadd\tgcompat\r\n',
    },
    {
      name: 'a last line without a line break, after a glibc ENV',
      code: 'FROM alpine:3.20\nENV GLIBC_V=2.35-r1\nRUN wget https://github.com/sgerrand/alpine-pkg-glibc/releases/download/${GLIBC_V}/glibc-${GLIBC_V}.apk',
      errors: [{ code: 'MC1004', line: 3, column: 10, endColumn: 104 }],
      output: 'FROM alpine:3.20\nENV GLIBC_V=2.35-r1',
    },
    {
      name: 'UTF-16 columns',
      code: `FROM alpine:3.20\nRUN echo "ünïcödé 🐳" && wget ${RELEASE}/glibc-2.35-r1.apk\n`,
      errors: [{ code: 'MC1004', line: 2, column: 31, endColumn: 119 }],
      output: 'FROM alpine:3.20\nRUN echo "ünïcödé 🐳"\n',
    },
  ],
});

fixtureTester('MC1004');
