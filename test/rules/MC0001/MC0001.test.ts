// MC0001 invalid-pragma: `# muslcheck` comments that cannot be read are reported where
// they stand, instead of silently suppressing nothing; every bad code on its own.
import { fixtureTester, ruleTester } from '../helpers';

ruleTester('MC0001', {
  valid: [
    'FROM alpine:3.20\n# muslcheck ignore=MC1006 # a local package\nRUN apk add --allow-untrusted /tmp/app.apk\n',
    '# muslcheck global ignore=MC1004,MC1005\nFROM alpine:3.20\n',
    '# muslcheck stage ignore=MC2001\nFROM alpine:3.20\n',
    'FROM alpine:3.20\n# a comment about muslcheck in general\n# muslcheckers are people too\nRUN true\n',
    {
      name: 'prose that starts with the word muslcheck',
      code: '# muslcheck runs in CI on this file\nFROM alpine:3.20\n# muslcheck: see docs/ci.md\n# muslcheck\nRUN true\n',
    },
    'FROM alpine:3.20\n# MUSLCHECK ignore=mc1006\nRUN apk add --allow-untrusted /tmp/app.apk\n',
    {
      name: 'pragma lines stacked above one instruction',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC1006\n# muslcheck ignore=MC1002\nRUN apk add --allow-untrusted glibc\n',
    },
  ],
  invalid: [
    {
      name: 'a misspelt keyword',
      code: 'FROM alpine:3.20\n# muslcheck ingore=MC1006\nRUN apk add curl\n',
      errors: [{ code: 'MC0001', line: 2, column: 1, endColumn: 26, message: /unknown muslcheck pragma 'ingore'/ }],
    },
    {
      name: 'a scope without a directive',
      code: 'FROM alpine:3.20\n# muslcheck global\nRUN true\n',
      errors: [{ code: 'MC0001', line: 2, column: 1, message: /unknown muslcheck pragma 'global'/ }],
    },
    {
      name: 'no code',
      code: 'FROM alpine:3.20\n# muslcheck ignore=\nRUN true\n',
      errors: [{ code: 'MC0001', line: 2, column: 1, message: /names no rule code/ }],
    },
    {
      name: 'a malformed code and an unknown one',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC12\nRUN true\n# muslcheck ignore=MC9999\nRUN true\n',
      errors: [
        { code: 'MC0001', line: 2, column: 20, endColumn: 24, message: /malformed rule code MC12 in/ },
        { code: 'MC0001', line: 4, column: 20, endColumn: 26, message: /unknown rule code MC9999 in/ },
      ],
    },
    {
      name: 'every bad code of one pragma, each where it is written',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC9999,MC1006,MC8888\nRUN apk add --allow-untrusted /tmp/a.apk\n',
      errors: [
        { code: 'MC0001', line: 2, column: 20, endColumn: 26, message: /^unknown rule code MC9999 in/ },
        { code: 'MC0001', line: 2, column: 34, endColumn: 40, message: /^unknown rule code MC8888 in/ },
      ],
    },
    {
      name: 'malformed and unknown codes together, over several words',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC12, MC9999,  X1 # why\nRUN true\n',
      errors: [
        { code: 'MC0001', line: 2, column: 20, endColumn: 24, message: /^malformed rule code MC12 in/ },
        { code: 'MC0001', line: 2, column: 26, endColumn: 32, message: /^unknown rule code MC9999 in/ },
        { code: 'MC0001', line: 2, column: 35, endColumn: 37, message: /^malformed rule code X1 in/ },
      ],
    },
    {
      name: 'a pragma with a malformed code suppresses nothing; one with an unknown code keeps the others',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC1006,MC12\nRUN apk add --allow-untrusted /tmp/a.apk\n# muslcheck ignore=MC1006,MC9999\nRUN apk add --allow-untrusted /tmp/b.apk\n',
      errors: [
        { code: 'MC0001', line: 2, column: 27, endColumn: 31, message: /malformed rule code MC12/ },
        { code: 'MC1006', line: 3, column: 13 },
        { code: 'MC0001', line: 4, column: 27, endColumn: 33, message: /unknown rule code MC9999/ },
      ],
    },
    {
      name: 'not directly above an instruction',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC1002\n\nRUN apk add glibc\n',
      errors: [
        { code: 'MC0001', line: 2, column: 1, message: /not directly above an instruction/ },
        { code: 'MC1002', line: 4, column: 13 },
      ],
    },
    {
      name: 'stage ignore above something other than FROM',
      code: 'FROM alpine:3.20\n# muslcheck stage ignore=MC1002\nRUN true\n',
      errors: [{ code: 'MC0001', line: 2, column: 1, message: /must stand directly above a FROM/ }],
    },
  ],
});

fixtureTester('MC0001');
