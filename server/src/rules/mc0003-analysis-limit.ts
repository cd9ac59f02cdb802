// MC0003: the analysis stopped at one of its limits on this line (shell nesting deeper than
// MAX_SHELL_NESTING, a variable that expands past MAX_EXPANDED_LENGTH or the document's
// expansion budget). Without it, a hostile or generated Dockerfile could hide a finding
// behind the limit and still pass CI with no output.
import type { LimitHit } from '../parse/limits';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC0003',
    slug: 'analysis-limit',
    severity: 'warning',
    summary: 'The analysis stopped at a limit on this line',
    explanation:
      'muslcheck bounds the work it does on one document, so a hostile or generated Dockerfile cannot hang it or exhaust memory: shell scripts are read 200 levels deep (subshells, `$(...)`, compound commands), and a variable expansion may produce at most 64 Ki characters, with 16 Mi characters for the whole document. Past a bound, the part is not read or the variable counts as unknown, so a finding there may be missing. Real Dockerfiles never come near these bounds; flatten the nesting or shorten the value.',
    fixable: 'never',
    since: '0.1.0',
  },
  // After the other rules, which may also note where expansion stopped.
  phase: 'last',
  check({ model, report }) {
    const hits: LimitHit[] = [...model.expansion.hits];
    for (const stage of model.stages) for (const run of stage.runs) hits.push(...run.limits);
    hits.sort((a, b) => a.span.start - b.span.start);
    // Once the document's budget is spent every later expansion stops: the first stop says so.
    const firstStop = hits.reduce((first, h) => Math.min(first, h.budgetStop ?? Infinity), Infinity);
    // One notice per line: the first limit met there explains the others.
    const lines = new Set<number>();
    for (const hit of hits) {
      const line = model.parsed.lines.positionAt(hit.span.start).line;
      if (lines.has(line) || (hit.budgetStop !== undefined && hit.budgetStop !== firstStop)) continue;
      lines.add(line);
      report({ span: hit.span, message: hit.message });
    }
  },
};
