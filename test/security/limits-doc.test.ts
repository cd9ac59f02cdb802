// SECURITY.md lists every input limit with its value: the values must be the code's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_INSTRUCTIONS, MAX_LINE_LENGTH } from '../../server/src/analyze';
import { MAX_FILE_BYTES } from '../../server/src/cli/files';
import { MAX_CONFIG_LENGTH } from '../../server/src/config/validate';
import { MAX_EXPANDED_LENGTH, MAX_EXPANDED_TOTAL, MAX_EXPANSION_NESTING } from '../../server/src/parse/limits';
import { MAX_SHELL_NESTING } from '../../server/src/parse/shell-syntax';

describe('security: SECURITY.md states the limits the code applies', () => {
  const text = readFileSync(join(__dirname, '..', '..', 'SECURITY.md'), 'utf8');
  const row = (name: string): string => {
    const line = text.split('\n').find((l) => l.startsWith('|') && l.includes(`(\`${name}\`)`));
    assert.ok(line, `no row names ${name}`);
    return line;
  };
  const cases: [string, string][] = [
    ['MAX_FILE_BYTES', `${MAX_FILE_BYTES / 1024 / 1024} MiB`],
    ['MAX_LINE_LENGTH', MAX_LINE_LENGTH.toLocaleString('en-US')],
    ['MAX_INSTRUCTIONS', MAX_INSTRUCTIONS.toLocaleString('en-US')],
    ['MAX_SHELL_NESTING', `${MAX_SHELL_NESTING} levels`],
    ['MAX_EXPANDED_LENGTH', `${MAX_EXPANDED_LENGTH / 1024} Ki characters`],
    ['MAX_EXPANSION_NESTING', `${MAX_EXPANSION_NESTING} levels`],
    ['MAX_EXPANDED_TOTAL', `${MAX_EXPANDED_TOTAL / 1024 / 1024} Mi characters`],
  ];
  for (const [name, value] of cases) {
    it(`${name} is ${value}`, () => {
      assert.ok(row(name).split('|')[2].includes(value), row(name));
    });
  }

  it(`the configuration file limit is ${MAX_CONFIG_LENGTH / 1024} KiB`, () => {
    assert.match(text, new RegExp(`\\| configuration file \\| ${MAX_CONFIG_LENGTH / 1024} KiB`));
  });

  it('names a limit for size, line, instructions, nesting, expansion and time', () => {
    const limits = text
      .slice(text.indexOf('## Limits'), text.indexOf('## Folders'))
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| limit') && !l.startsWith('| ---'))
      .map((l) => l.split('|')[1].trim());
    for (const word of ['file size', 'line length', 'instructions', 'shell nesting', 'expansion', 'time']) {
      assert.ok(
        limits.some((l) => l.includes(word)),
        `no limit about ${word} in ${limits.join('; ')}`,
      );
    }
  });
});
