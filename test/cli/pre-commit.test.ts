// The hook pre-commit users add: its declaration in .pre-commit-hooks.yaml. test/e2e/pre-commit.test.ts
// runs it through the real pre-commit.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';

const REPO = join(__dirname, '..', '..');

describe('pre-commit hook declaration', () => {
  it('declares hook id muslcheck for Dockerfiles', () => {
    const hooks = parseYaml(readFileSync(join(REPO, '.pre-commit-hooks.yaml'), 'utf8'));
    const hook = hooks.find((h: { id: string }) => h.id === 'muslcheck');
    assert.deepEqual(hook.types, ['dockerfile']);
    assert.equal(hook.entry, 'muslcheck');
  });
});
