// GitHub Actions workflow commands: `::warning file=...,line=...::message` lines that the
// runner turns into annotations on the pull request. Escaping follows the runner's rules:
// in the message `%`, CR and LF are percent-encoded; in properties also `:` and `,`.
import { oneBased, portablePath } from './locations';
import type { Formatter } from './types';

const COMMANDS = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' } as const;

/** Escapes a workflow command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatter: Formatter = {
  name: 'github',
  description: 'GitHub Actions workflow commands (annotations on the pull request)',
  format(results) {
    const lines: string[] = [];
    for (const result of results) {
      for (const f of result.findings) {
        const { line, column, endLine } = oneBased(f.range);
        const properties = [`file=${escapeProperty(portablePath(result.file))}`, `line=${line}`, `endLine=${endLine}`];
        // GitHub uses columns only for single-line annotations; its end column is inclusive.
        if (line === endLine) properties.push(`col=${column}`, `endColumn=${Math.max(column, f.range.end.character)}`);
        properties.push(`title=${escapeProperty(`${f.code} ${f.rule}`)}`);
        lines.push(`::${COMMANDS[f.severity]} ${properties.join(',')}::${escapeData(f.message)}`);
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  },
};
