// A JSON array of findings. Keeps hadolint's field names (file, line, column, code, level,
// message) so its consumers work, and adds end positions, the rule slug and fixability.
import type { Formatter } from './types';

/** One finding as JSON, positions 1-based. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  rule: string;
  level: string;
  message: string;
  fixable: boolean;
}

export const formatter: Formatter = {
  name: 'json',
  description: 'A JSON array of findings (hadolint-compatible fields plus end positions)',
  format(results) {
    const findings: JsonFinding[] = [];
    for (const result of results) {
      for (const f of result.findings) {
        findings.push({
          file: result.file,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          code: f.code,
          rule: f.rule,
          level: f.severity,
          message: f.message,
          fixable: f.fixes.length > 0,
        });
      }
    }
    return `${JSON.stringify(findings, null, 2)}\n`;
  },
};
