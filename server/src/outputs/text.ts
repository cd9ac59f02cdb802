// The default format: `path:line:col: severity [CODE] message`, coloured on a terminal.
import type { Severity } from '../rules/types';
import type { Formatter } from './types';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', style: '\x1b[35m' };
const DIM = '\x1b[2m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';

export const formatter: Formatter = {
  name: 'text',
  description: 'One line per finding: path:line:col: severity [CODE] message (default)',
  format(results, { color }) {
    const paint = (code: string, text: string): string => (color ? `${code}${text}${RESET}` : text);
    const lines: string[] = [];
    for (const result of results) {
      for (const finding of result.findings) {
        const where = `${result.file}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
        lines.push(
          `${paint(BOLD, where)}: ${paint(COLORS[finding.severity], finding.severity)} ${paint(DIM, `[${finding.code}]`)} ${finding.message}`,
        );
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  },
};
