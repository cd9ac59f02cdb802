// Root hooks (loaded by both mocha configurations): a test may be skipped only by
// requireProgram, for a missing system program, with its one-line reason. An `it.skip`, an
// `xit`, a test without a body or a bare `this.skip()` left in the suite fails the run.
import { skippedForMissingProgram } from './programs';

function allTests(suite: Mocha.Suite): Mocha.Test[] {
  return [...suite.tests, ...suite.suites.flatMap(allTests)];
}

export const mochaHooks = {
  afterAll(this: Mocha.Context): void {
    // The root suite's afterAll runs once, after every test.
    const root = this.test?.parent;
    if (!root) return;
    const stray = allTests(root).filter((t) => t.isPending() && !skippedForMissingProgram(t));
    if (stray.length) {
      throw new Error(`skipped without requireProgram (test/support/programs.ts): ${stray.map((t) => t.fullTitle()).join('; ')}`);
    }
  },
};
