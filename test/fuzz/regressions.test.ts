// Every input a fuzzer or a bug report found stays fixed: regressions/issue-* must pass every
// check and still be analyzed.
import assert from 'node:assert/strict';
import { checkEveryFix, checkFixAll } from './fix-safety';
import { analyzeChecked, initAnalyzerForFuzzing, readFixtures } from './harness';

const FIXTURES = readFixtures('regressions');

function checkAll(text: string): void {
  analyzeChecked(text);
  checkEveryFix(text);
  checkFixAll(text);
}

describe('fuzz regressions', () => {
  before(() => initAnalyzerForFuzzing());

  for (const fixture of FIXTURES.filter((f) => f.name.startsWith('issue-'))) {
    it(`${fixture.name} passes every check and is still analyzed`, () => {
      checkAll(fixture.text);
      const codes = analyzeChecked(fixture.text).findings.map((f) => f.code);
      assert.ok(
        codes.some((c) => /^MC1\d{3}$/.test(c)),
        `the glibc signature in ${fixture.name} is no longer found (${codes.join(', ')})`,
      );
    });
  }
});
