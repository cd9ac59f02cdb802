// MC0001: a `# muslcheck` comment that cannot be read. Unlike hadolint, which drops a
// malformed pragma silently, muslcheck reports it, because a typo in a suppression
// otherwise looks like it works until the finding shows up in CI. Each bad code is reported
// where it is written.
import type { PragmaProblem } from './pragmas';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC0001',
    slug: 'invalid-pragma',
    severity: 'warning',
    summary: 'A `# muslcheck` comment that cannot be read',
    explanation:
      'A comment starting with `# muslcheck` is a suppression pragma, but this one has a typo in its keyword, an unknown or malformed rule code, or it does not stand directly above an instruction (a FROM, for `stage ignore`), so it suppresses nothing. Write `# muslcheck ignore=MC1002 # reason` on the line above the instruction, `stage ignore=` above a FROM, or `global ignore=` anywhere.',
    fixable: 'never',
    since: '0.1.0',
  },
  phase: 'pragmas',
  check(context) {
    for (const problem of context.pragmas.problems) context.report({ span: problem.span, message: message(problem) });
  },
};

function message(problem: PragmaProblem): string {
  switch (problem.kind) {
    case 'unknown-directive':
      return `unknown muslcheck pragma '${problem.directive}': expected 'ignore=CODE', 'stage ignore=CODE' or 'global ignore=CODE'`;
    case 'no-code':
      return 'muslcheck pragma names no rule code: write ignore=MC1002';
    case 'malformed-code':
      return `malformed rule code ${problem.code} in muslcheck pragma: codes look like MC1002`;
    case 'unknown-code':
      return `unknown rule code ${problem.code} in muslcheck pragma`;
    case 'not-above-instruction':
      return 'muslcheck pragma is not directly above an instruction';
    case 'stage-not-above-from':
      return '`muslcheck stage ignore` must stand directly above a FROM';
  }
}
