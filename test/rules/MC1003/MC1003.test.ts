// MC1003 glibc-signing-key: a glibc apk signing key put into /etc/apk/keys by wget, curl,
// ADD, COPY (also JSON form and here-documents), cp/mv/install/ln/tee or a redirect.
import { fixtureTester, ruleTester } from '../helpers';

const KEY_URL = 'https://alpine-pkgs.sgerrand.com/sgerrand.rsa.pub';
const PEM = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApZ2u1KJKUu/fW4A25y9m';
const GCOMPAT = 'RUN apk add --no-cache gcompat';

ruleTester('MC1003', {
  valid: [
    { name: 'our own key', code: 'FROM alpine:3.20\nCOPY keys/builder.rsa.pub /etc/apk/keys/\n' },
    { name: 'our own key by wget', code: 'FROM alpine:3.20\nRUN wget -O /etc/apk/keys/me.rsa.pub https://apk.example.com/me.rsa.pub\n' },
    { name: 'the key kept outside /etc/apk/keys', code: 'FROM alpine:3.20\nCOPY sgerrand.rsa.pub /usr/share/doc/keys/\n' },
    { name: 'a comment', code: `FROM alpine:3.20\n# wget -O /etc/apk/keys/sgerrand.rsa.pub ${KEY_URL}\nRUN apk add gcompat\n` },
    { name: 'a LABEL', code: `FROM alpine:3.20\nLABEL key="${KEY_URL}"\n` },
    { name: 'a Debian stage', code: `FROM debian:12\nRUN wget -O /etc/apk/keys/sgerrand.rsa.pub ${KEY_URL}\n` },
    {
      name: 'a PEM that is not sgerrand',
      code: 'FROM alpine:3.20\nRUN echo "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAother" > /etc/apk/keys/me.rsa.pub\n',
    },
    { name: 'keys copied out of /etc/apk/keys', code: 'FROM alpine:3.20\nRUN cp /etc/apk/keys/sgerrand.rsa.pub /backup/\n' },
  ],
  invalid: [
    {
      code: `FROM alpine:3.20\nRUN wget -q -O /etc/apk/keys/sgerrand.rsa.pub ${KEY_URL}\n`,
      errors: [{ code: 'MC1003', line: 2, column: 47, endColumn: 96, message: /Trusts `sgerrand\.rsa\.pub`/ }],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: 'curl -o, with apk add in the same RUN',
      code: `FROM alpine:3.20\nRUN curl -fsSLo /etc/apk/keys/sgerrand.rsa.pub ${KEY_URL} && apk add glibc\n`,
      errors: [
        { code: 'MC1003', line: 2, column: 48, endColumn: 97 },
        { code: 'MC1002', line: 2, column: 109, endColumn: 114 },
      ],
      output: `FROM alpine:3.20\n${GCOMPAT}\n`,
    },
    {
      name: 'wget -P from raw.githubusercontent.com',
      code: 'FROM alpine:3.20\nRUN wget -P /etc/apk/keys https://raw.githubusercontent.com/sgerrand/alpine-pkg-glibc/master/sgerrand.rsa.pub\n',
      errors: [{ code: 'MC1003', line: 2, column: 27, endColumn: 110 }],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: "a fork's key by its release URL",
      code: 'FROM alpine:3.20\nRUN wget -qO /etc/apk/keys/ops.rsa.pub https://github.com/acme/alpine-pkg-glibc/releases/download/2.34/ops.rsa.pub\n',
      errors: [{ code: 'MC1003', line: 2, column: 40, endColumn: 115, message: /`ops\.rsa\.pub`/ }],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: 'COPY of a named key (no fix: the file stays in the context)',
      code: 'FROM alpine:3.20\nCOPY --chown=root:root keys/andyshinn.rsa.pub /etc/apk/keys/andyshinn.rsa.pub\n',
      errors: [{ code: 'MC1003', line: 2, column: 24, endColumn: 46 }],
      output: null,
    },
    {
      name: 'COPY in JSON form',
      code: 'FROM alpine:3.20\nCOPY ["keys/sgerrand.rsa.pub", "/etc/apk/keys/"]\n',
      errors: [{ code: 'MC1003', line: 2, column: 7, endColumn: 30 }],
      output: null,
    },
    {
      name: 'COPY of a here-document holding the key',
      code: `FROM alpine:3.20\nCOPY <<EOF /etc/apk/keys/glibc.rsa.pub\n-----BEGIN PUBLIC KEY-----\n${PEM}\n-----END PUBLIC KEY-----\nEOF\n`,
      errors: [{ code: 'MC1003', line: 2, column: 12, endColumn: 39, message: /`sgerrand\.rsa\.pub`/ }],
      output: null,
    },
    {
      name: 'ADD of the key URL',
      code: `FROM alpine:3.20\nADD ${KEY_URL} /etc/apk/keys/\n`,
      errors: [{ code: 'MC1003', line: 2, column: 5, endColumn: 54 }],
      output: null,
    },
    {
      name: 'echo of the pasted key',
      code: `FROM alpine:3.20\nRUN echo "${PEM}" > /etc/apk/keys/x.rsa.pub\n`,
      errors: [{ code: 'MC1003', line: 2, column: 79, endColumn: 102 }],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: 'cat into the key file from a here-document',
      code: `FROM alpine:3.20\nRUN cat > /etc/apk/keys/x.rsa.pub <<KEY\n${PEM}\nKEY\n`,
      errors: [{ code: 'MC1003', line: 2, column: 11, endColumn: 34 }],
      output: null,
    },
    {
      name: 'install -m 644 of a downloaded key',
      code: `FROM alpine:3.20\nRUN wget -q ${KEY_URL} && \\\n    install -m 644 sgerrand.rsa.pub /etc/apk/keys/ && \\\n    apk add glibc\n`,
      errors: [
        { code: 'MC1003', line: 2, column: 13, endColumn: 62 },
        { code: 'MC1003', line: 3, column: 37, endColumn: 51, message: /`sgerrand\.rsa\.pub`/ },
        { code: 'MC1002', line: 4, column: 13, endColumn: 18 },
      ],
      output: `FROM alpine:3.20\n${GCOMPAT}\n`,
    },
    {
      name: 'ln -s, cp -t and tee',
      code: 'FROM alpine:3.20\nRUN ln -s /opt/keys/stackfeed.rsa.pub /etc/apk/keys/ && \\\n    cp -t /etc/apk/keys /opt/keys/andyshinn.rsa.pub && \\\n    cat /opt/keys/sgerrand.rsa.pub | tee /etc/apk/keys/sgerrand.rsa.pub\n',
      errors: [
        { code: 'MC1003', line: 2, column: 39, endColumn: 53 },
        { code: 'MC1003', line: 3, column: 11, endColumn: 24 },
        { code: 'MC1003', line: 4, column: 42, endColumn: 72 },
      ],
      output: null,
    },
    {
      name: 'sh -c payload in exec form',
      code: `FROM alpine:3.20\nRUN ["/bin/sh", "-c", "wget -q -O /etc/apk/keys/sgerrand.rsa.pub ${KEY_URL}"]\n`,
      errors: [{ code: 'MC1003', line: 2, column: 66, endColumn: 115 }],
      output: null,
    },
    {
      name: 'CRLF, BOM and ONBUILD',
      code: `\ufeffFROM alpine:3.20\r\nONBUILD RUN wget -O /etc/apk/keys/sgerrand.rsa.pub ${KEY_URL}\r\nCMD ["sh"]\r\n`,
      errors: [{ code: 'MC1003', line: 2, column: 52, endColumn: 101 }],
      output: '\ufeffFROM alpine:3.20\r\nCMD ["sh"]\r\n',
    },
  ],
});

fixtureTester('MC1003');
