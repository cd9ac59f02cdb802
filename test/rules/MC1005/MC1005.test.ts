// MC1005 glibc-compat-prefix: /usr/glibc-compat (and andyshinn's older /usr/glibc/) used by
// RUN commands, ENV/ARG values or COPY/ADD paths in Alpine stages.
import { fixtureTester, ruleTester } from '../helpers';

ruleTester('MC1005', {
  valid: [
    { name: 'a comment', code: 'FROM alpine:3.20\n# no more /usr/glibc-compat/sbin/ldconfig\nRUN apk add gcompat\n' },
    { name: 'a LABEL', code: 'FROM alpine:3.20\nLABEL note="/usr/glibc-compat is gone"\n' },
    { name: 'a glibc distribution', code: 'FROM centos:7\nRUN localedef -i en_US -f UTF-8 en_US.UTF-8 && ls /usr/glibc-compat || true\n' },
    { name: 'a similar path', code: 'FROM alpine:3.20\nRUN ls /usr/glibc-compatible-docs /usr/glibc2 /opt/usr/glibc\n' },
    { name: 'unknown image without apk', code: 'FROM mycorp/base:1\nENV LD_LIBRARY_PATH=/usr/glibc-compat/lib\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nRUN /usr/glibc-compat/sbin/ldconfig /lib /usr/glibc-compat/lib\n',
      errors: [
        { code: 'MC1005', line: 2, column: 5, endColumn: 36, message: /`\/usr\/glibc-compat`/ },
        { code: 'MC1005', line: 2, column: 42, endColumn: 63 },
      ],
      output: 'FROM alpine:3.20\n',
    },
    {
      name: 'localedef next to other commands',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache tzdata && \\\n    /usr/glibc-compat/bin/localedef -i en_US -f UTF-8 en_US.UTF-8 && \\\n    echo done\n',
      errors: [{ code: 'MC1005', line: 3, column: 5, endColumn: 36 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache tzdata && \\\n    echo done\n',
    },
    {
      name: 'ENV LD_LIBRARY_PATH and PATH (no fix)',
      code: 'FROM alpine:3.20\nENV LD_LIBRARY_PATH=/usr/glibc-compat/lib \\\n    PATH=/usr/glibc-compat/bin:$PATH\n',
      errors: [
        { code: 'MC1005', line: 2, column: 21, endColumn: 42 },
        { code: 'MC1005', line: 3, column: 10, endColumn: 37 },
      ],
      output: null,
    },
    {
      name: 'COPY into the prefix',
      code: 'FROM alpine:3.20\nCOPY --from=builder /usr/lib/libz.so.1 /usr/glibc-compat/lib/\n',
      errors: [{ code: 'MC1005', line: 2, column: 40, endColumn: 62 }],
      output: null,
    },
    {
      name: "andyshinn's /usr/glibc/ prefix",
      code: 'FROM alpine:3.3\nRUN /usr/glibc/usr/bin/ldconfig /usr/glibc/usr/lib\n',
      errors: [
        { code: 'MC1005', line: 2, column: 5, endColumn: 32 },
        { code: 'MC1005', line: 2, column: 33, endColumn: 51 },
      ],
      output: 'FROM alpine:3.3\n',
    },
    {
      name: 'an alpine-glibc base image',
      code: 'FROM frolvlad/alpine-glibc:alpine-3.18\nRUN ln -s /usr/glibc-compat/lib/ld-linux-x86-64.so.2 /lib64/\n',
      errors: [{ code: 'MC1005', line: 2, column: 11, endColumn: 53 }],
      output: 'FROM frolvlad/alpine-glibc:alpine-3.18\n',
    },
    {
      name: 'sh -c payload: one finding, on the path',
      code: "FROM alpine:3.20\nRUN sh -c '/usr/glibc-compat/sbin/ldconfig'\n",
      errors: [{ code: 'MC1005', line: 2, column: 12, endColumn: 43 }],
      output: null,
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nRUN ["/usr/glibc-compat/sbin/ldconfig"]\n',
      errors: [{ code: 'MC1005', line: 2, column: 6, endColumn: 39 }],
      output: null,
    },
    {
      name: 'unknown image that calls apk, lower case, CRLF',
      code: 'from mycorp/base:1\r\nrun apk add gcompat && rm -rf /usr/glibc-compat\r\n',
      errors: [{ code: 'MC1005', line: 2, column: 31, endColumn: 48 }],
      output: 'from mycorp/base:1\r\nrun apk add gcompat\r\n',
    },
  ],
});

fixtureTester('MC1005');
