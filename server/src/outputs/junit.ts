// JUnit XML: one test suite per file, one failing test case per finding, and one passing
// case for a clean file so CI test reports list every file checked.
import { escapeXml, oneBased } from './locations';
import type { Formatter } from './types';

export const formatter: Formatter = {
  name: 'junit',
  description: 'JUnit XML (CI test report views: GitLab, Jenkins, Azure Pipelines)',
  format(results) {
    const failures = results.reduce((n, r) => n + r.findings.length, 0);
    const tests = results.reduce((n, r) => n + Math.max(1, r.findings.length), 0);
    const out = [
      '<?xml version="1.0" encoding="utf-8"?>',
      `<testsuites name="muslcheck" tests="${tests}" failures="${failures}" errors="0">`,
    ];
    for (const result of results) {
      const file = escapeXml(result.file);
      out.push(
        `  <testsuite name="${file}" tests="${Math.max(1, result.findings.length)}" failures="${result.findings.length}" errors="0">`,
      );
      if (!result.findings.length) out.push(`    <testcase name="muslcheck" classname="${file}"/>`);
      for (const f of result.findings) {
        const { line, column } = oneBased(f.range);
        out.push(`    <testcase name="${f.code} ${f.rule} at ${line}:${column}" classname="${file}">`);
        out.push(
          `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${result.file}:${line}:${column}: ${f.severity} [${f.code}] ${f.message}`)}</failure>`,
        );
        out.push('    </testcase>');
      }
      out.push('  </testsuite>');
    }
    out.push('</testsuites>');
    return `${out.join('\n')}\n`;
  },
};
