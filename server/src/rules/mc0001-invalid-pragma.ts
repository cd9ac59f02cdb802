// MC0001: a `# muslcheck` comment that cannot be read. Unlike hadolint, which drops a
// malformed pragma silently, muslcheck reports it, because a typo in a suppression
// otherwise looks like it works until the finding shows up in CI.
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
  // Reported by analyze.ts from the pragma pass (config/pragmas.ts), which reads comments,
  // not the stage model, so there is nothing to check here.
  check() {},
};
