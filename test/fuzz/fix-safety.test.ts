// Fix safety over every Dockerfile fixture in the repository (the fuzz seeds and the rule
// fixtures), as written and converted to CRLF with tab indentation: every offered fix is
// safe and fix-all is idempotent. Fuzzed positives get the same checks in fuzz.test.ts.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { checkEveryFix, checkFixAll } from './fix-safety';
import { initAnalyzerForFuzzing } from './harness';

const ROOT = join(__dirname, '..');

function dockerfilesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return dockerfilesUnder(path);
    return entry.name.endsWith('.Dockerfile') || entry.name === 'Dockerfile' ? [path] : [];
  });
}

const FIXTURES = [...dockerfilesUnder(join(ROOT, 'fuzz', 'seeds')), ...dockerfilesUnder(join(ROOT, 'rules'))].sort();

/** The same file with CRLF line endings and tabs for the indentation of continuation lines. */
function crlfWithTabs(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/^ {2,}/gm, '\t')
    .replace(/\n/g, '\r\n');
}

describe('fix safety over every fixture', () => {
  before(() => initAnalyzerForFuzzing());

  it('finds fixtures with fixes to check', () => {
    let checked = 0;
    for (const path of FIXTURES) checked += checkEveryFix(readFileSync(path, 'utf8'));
    assert.ok(checked >= 10, `only ${checked} fixes found in ${FIXTURES.length} fixtures`);
  });

  for (const path of FIXTURES) {
    const name = relative(ROOT, path);
    it(`${name}: every fix is safe, as written and as CRLF with tabs`, () => {
      const text = readFileSync(path, 'utf8');
      for (const variant of [text, crlfWithTabs(text)]) {
        checkEveryFix(variant);
        checkFixAll(variant);
      }
    });
  }
});
