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
        lines.push(`${result.file}:${line}.${column}: ${LEVELS[f.severity]}: ${f.message.replace(/\s*[\r\n]+\s*/g, ' ')} [${f.code}]`);
      }
    }
    return lines.length ? `${lines.join('\n')}\n` : '';
  },
};
