// MC1006 apk-allow-untrusted: `apk add --allow-untrusted`, in any stage that calls apk; the
// gcompat fix only when every package of the call is glibc.
import { fixtureTester, ruleTester } from '../helpers';

ruleTester('MC1006', {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n',
    { name: 'a comment', code: 'FROM alpine:3.20\n# never: apk add --allow-untrusted\nRUN apk add curl\n' },
    { name: 'a LABEL', code: 'FROM alpine:3.20\nLABEL apk.flags="--allow-untrusted"\n' },
    { name: 'another tool', code: 'FROM alpine:3.20\nRUN echo --allow-untrusted && mytool --allow-untrusted\n' },
    {
      name: 'a signed local package',
      code: 'FROM alpine:3.20\nCOPY keys/me.rsa.pub /etc/apk/keys/\nRUN apk add /tmp/pkgs/myapp-1.0-r0.apk\n',
    },
  ],
  invalid: [
    {
      name: 'a local package: MC1006 only, no fix',
      code: 'FROM alpine:3.20\nCOPY pkgs/ /tmp/pkgs/\nRUN apk add --allow-untrusted /tmp/pkgs/myapp-1.0-r0.apk\n',
      errors: [{ code: 'MC1006', line: 3, column: 13, endColumn: 30, message: /without checking their signature/ }],
      output: null,
    },
    {
      name: 'glibc apks: replaced by gcompat',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted glibc-2.35-r1.apk glibc-bin-2.35-r1.apk\n',
      errors: [
        { code: 'MC1006', line: 2, column: 24, endColumn: 41 },
        { code: 'MC1002', line: 2, column: 42, endColumn: 59 },
        { code: 'MC1002', line: 2, column: 60, endColumn: 81 },
      ],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache gcompat\n',
    },
    {
      name: 'glibc next to another package: no fix for the option',
      code: 'FROM alpine:3.20\nRUN apk --allow-untrusted add glibc.apk ./tool.apk\n',
      errors: [{ code: 'MC1006', line: 2, column: 9, endColumn: 26 }],
      output: null,
    },
    {
      name: 'in a Debian stage too: apk means an apk-based image',
      code: 'FROM debian:12\nRUN apk add --allow-untrusted foo.apk\n',
      errors: [{ code: 'MC1006', line: 2, column: 13, endColumn: 30 }],
      output: null,
    },
    {
      name: 'exec form',
      code: 'FROM alpine:3.20\nRUN ["apk", "add", "--allow-untrusted", "/tmp/x.apk"]\n',
      errors: [{ code: 'MC1006', line: 2, column: 20, endColumn: 39 }],
      output: null,
    },
    {
      name: 'here-document',
      code: 'FROM alpine:3.20\nRUN <<EOF\napk add --allow-untrusted /tmp/x.apk\nEOF\n',
      errors: [{ code: 'MC1006', line: 3, column: 9, endColumn: 26 }],
      output: null,
    },
    {
      name: 'ONBUILD, escape directive, comment lines in the continuation',
      code: '# escape=`\nFROM alpine:3.20\nONBUILD RUN apk add `\n    # unsigned, from CI\n    --allow-untrusted `\n    /tmp/x.apk\n',
      errors: [{ code: 'MC1006', line: 5, column: 5, endColumn: 22 }],
      output: null,
    },
  ],
});

fixtureTester('MC1006');
