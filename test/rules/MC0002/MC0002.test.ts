// MC0002 unused-pragma: with reportUnusedPragmas, pragma codes that suppress nothing.
import { fixtureTester, ruleTester } from '../helpers';

const unused = { reportUnusedPragmas: true };

ruleTester('MC0002', {
  valid: [
    { name: 'off by default', code: 'FROM alpine:3.20\n# muslcheck ignore=MC1002\nRUN apk add gcompat\n' },
    {
      name: 'a pragma that suppresses its finding',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC1006\nRUN apk add --allow-untrusted /tmp/a.apk\n',
      options: unused,
    },
    {
      name: 'a global pragma that suppresses something',
      code: '# muslcheck global ignore=MC1002\nFROM alpine:3.20\nRUN apk add glibc\n',
      options: unused,
    },
    {
      name: 'a stage pragma that suppresses something',
      code: '# muslcheck stage ignore=MC1001\nFROM frolvlad/alpine-glibc\n',
      options: unused,
    },
  ],
  invalid: [
    {
      name: 'an instruction pragma with nothing to suppress',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC1002\nRUN apk add gcompat\n',
      options: unused,
      errors: [{ code: 'MC0002', line: 2, column: 1, message: /ignore=MC1002` suppresses nothing/ }],
    },
    {
      name: 'one used and one unused code in the same pragma',
      code: 'FROM alpine:3.20\n# muslcheck ignore=MC1006,MC1003\nRUN apk add --allow-untrusted /tmp/a.apk\n',
      options: unused,
      errors: [{ code: 'MC0002', line: 2, column: 1, message: /MC1003/ }],
    },
  ],
});

fixtureTester('MC0002', unused);
