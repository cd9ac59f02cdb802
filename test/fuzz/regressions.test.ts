// Every input a fuzzer or a bug report found stays fixed: regressions/issue-* must pass every
// check; regressions/known-* reproduce bugs listed in known-bugs.ts, which must still fail
// the way the list says (a fixed one fails here, so its entry and fixture get cleaned up).
import assert from 'node:assert/strict';
import { checkEveryFix, checkFixAll } from './fix-safety';
import { analyzeChecked, initAnalyzerForFuzzing, readFixtures } from './harness';
import { KNOWN_BUGS } from './known-bugs';

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
      assert.ok(codes.includes('MC1002'), `the glibc install in ${fixture.name} is no longer found (${codes.join(', ')})`);
    });
  }

  for (const bug of KNOWN_BUGS) {
    it(`known bug still reproduces: ${bug.fixture} (${bug.where})`, () => {
      const fixture = FIXTURES.find((f) => f.name === bug.fixture);
      assert.ok(fixture, `missing fixture regressions/${bug.fixture}`);
      assert.throws(
        () => checkAll(fixture.text),
        bug.signature,
        `${bug.summary}: this no longer fails as recorded. If it is fixed, rename the fixture to issue-<n>-* and remove it from known-bugs.ts.`,
      );
    });
  }

  it('every known-* fixture is listed in known-bugs.ts', () => {
    const listed = new Set(KNOWN_BUGS.map((b) => b.fixture));
    assert.deepEqual(
      FIXTURES.filter((f) => f.name.startsWith('known-') && !listed.has(f.name)).map((f) => f.name),
      [],
    );
  });
});
