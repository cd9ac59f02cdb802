// GNU's error-message format, `file:line.col: level: message`, which Emacs' compilation
// mode, Vim's quickfix and many editors jump to.
import { oneBased } from './locations';
import type { Formatter } from './types';

const LEVELS = { error: 'error', warning: 'warning', info: 'note', style: 'note' } as const;

export const formatter: Formatter = {
  name: 'gnu',
  description: 'GNU style: file:line.col: level: message [CODE] (Emacs, Vim quickfix)',
  format(results) {
    const lines: string[] = [];
    for (const result of results) {
      for (const f of result.findings) {
        const { line, column } = oneBased(f.range);
        // One finding is one line: a message never breaks it.
        lines.push(`${result.file}:${line}.${column}: ${LEVELS[f.severity]}: ${oneLine(f.message)} [${f.code}]`);
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  },
};

/** A message on one line: each line break, with the blanks around it, becomes one space. */
function oneLine(message: string): string {
  return message
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}
