// The Code Climate issue format as GitLab's code quality report reads it: a JSON array of
// issues with a description, a check name, a severity, a stable fingerprint and a location.
// Registered under two names, `codeclimate` and `gitlab`, as users look for either.
import { RULES_BY_CODE } from '../rules/index';
import { docsUrl } from '../rules/types';
import { fingerprints } from './fingerprint';
import { oneBased, portablePath } from './locations';
import type { Formatter } from './types';

const SEVERITIES = { error: 'critical', warning: 'major', info: 'minor', style: 'info' } as const;

function format(...[results]: Parameters<Formatter['format']>): string {
  const issues = results.flatMap((result) => {
    const prints = fingerprints(result);
    return result.findings.map((f, i) => {
      const { line, column, endLine, endColumn } = oneBased(f.range);
      const meta = RULES_BY_CODE.get(f.code)?.meta;
      return {
        type: 'issue',
        check_name: f.code,
        description: `${f.code} ${f.message}`,
        content: { body: `${meta?.explanation ?? ''}\n\n${docsUrl(f.code)}`.trim() },
        categories: ['Bug Risk'],
        severity: SEVERITIES[f.severity],
        fingerprint: `${f.code}-${prints[i]}`,
        engine_name: 'muslcheck',
        location: {
          path: portablePath(result.file),
          lines: { begin: line, end: endLine },
          positions: { begin: { line, column }, end: { line: endLine, column: endColumn } },
        },
      };
    });
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
}

/** The format under its own name. */
export const formatter: Formatter = {
  name: 'codeclimate',
  description: 'Code Climate issues as a JSON array (GitLab code quality report)',
  format,
};

/** The same format under the name GitLab users look for. */
export const gitlabFormatter: Formatter = {
  name: 'gitlab',
  description: 'GitLab code quality report (same as codeclimate)',
  format,
};
