// MC0002: a code in a `# muslcheck ignore=` comment that suppresses nothing. Off unless
// --report-unused-pragmas (or `report-unused-pragmas: true`) asks for it, so stale
// suppressions can be cleaned up without surprising anyone who has not opted in.
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC0002',
    slug: 'unused-pragma',
    severity: 'info',
    summary: 'A `# muslcheck ignore=` code that suppresses nothing',
    explanation:
      'The pragma names a code that no finding in its scope has, usually because the problem was fixed or the instruction moved. A stale suppression would hide the problem if it came back; remove the code from the pragma. Only reported with --report-unused-pragmas.',
    fixable: 'never',
    since: '0.1.0',
    enabledBy: 'reportUnusedPragmas',
  },
  phase: 'pragmas',
  check(context) {
    for (const pragma of context.pragmas.pragmas) {
      for (const code of pragma.codes) {
        if (!context.ran.has(code)) continue;
        if (context.suppressed.some((s) => s.pragma === pragma && s.finding.code === code)) continue;
        const where = pragma.scope === 'global' ? 'in this file' : pragma.scope === 'stage' ? 'in this stage' : 'on the instruction below';
        const written = `# muslcheck ${pragma.scope === 'instruction' ? '' : `${pragma.scope} `}ignore=${code}`;
        context.report({
          span: pragma.span,
          message: `\`${written}\` suppresses nothing: no ${code} finding ${where}. Remove ${code} from the pragma.`,
          about: pragma.target,
        });
      }
    }
  },
};
