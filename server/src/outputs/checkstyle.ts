// Checkstyle XML, read by Jenkins' warnings plugin, reviewdog and many CI dashboards.
import { escapeXml } from './locations';
import type { Formatter } from './types';

const LEVELS = { error: 'error', warning: 'warning', info: 'info', style: 'info' } as const;

export const formatter: Formatter = {
  name: 'checkstyle',
  description: 'Checkstyle XML (Jenkins warnings plugin, reviewdog)',
  format(results) {
    const out = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
    for (const result of results) {
      out.push(`  <file name="${escapeXml(result.file)}">`);
      for (const f of result.findings) {
        out.push(
          `    <error line="${f.range.start.line + 1}" column="${f.range.start.character + 1}" severity="${LEVELS[f.severity]}" message="${escapeXml(f.message)}" source="muslcheck.${f.code}"/>`,
        );
      }
      out.push('  </file>');
    }
    out.push('</checkstyle>');
    return `${out.join('\n')}\n`;
  },
};
