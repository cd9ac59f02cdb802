// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Unlike hadolint's, it lists
// every rule in tool.driver.rules (all from rule.meta), gives real start and end columns,
// fingerprints that survive line shifts, and the automatic fixes as SARIF `fixes`.
import { LineIndex } from '../parse/text';
import { RULES } from '../rules/index';
import { docsUrl, type Finding } from '../rules/types';
import { fingerprints } from './fingerprint';
import { oneBased, portablePath, SARIF_LEVELS } from './locations';
import type { FileResult, Formatter } from './types';

/** Where muslcheck's home page is. */
export const INFORMATION_URI = 'https://github.com/muslcheck/muslcheck';

/** The schema URI written into the log. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export const formatter: Formatter = {
  name: 'sarif',
  description: 'SARIF 2.1.0, for GitHub code scanning (github/codeql-action/upload-sarif) and SARIF viewers',
  format(results, context) {
    const ruleIndex = new Map(RULES.map((rule, i) => [rule.meta.code, i]));
    const sarifResults = results.flatMap((result) => resultsOf(result, ruleIndex));
    const notifications = context.notifications ?? [];
    const log = {
      $schema: SARIF_SCHEMA,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'muslcheck',
              version: context.version,
              semanticVersion: context.version,
              informationUri: INFORMATION_URI,
              rules: RULES.map(({ meta }) => ({
                id: meta.code,
                name: meta.slug,
                shortDescription: { text: plain(meta.summary) },
                fullDescription: { text: plain(meta.explanation) },
                help: {
                  text: `${plain(meta.explanation)}\n\n${docsUrl(meta.code)}`,
                  markdown: `${meta.explanation}\n\n[${meta.code} documentation](${docsUrl(meta.code)})`,
                },
                helpUri: docsUrl(meta.code),
                defaultConfiguration: { level: SARIF_LEVELS[meta.severity] },
                properties: { tags: ['dockerfile', 'musl', 'glibc'], fixable: meta.fixable, since: meta.since },
              })),
            },
          },
          invocations: [
            {
              executionSuccessful: notifications.length === 0,
              toolExecutionNotifications: notifications.map((n) => ({
                level: 'error',
                message: { text: n.message },
                locations: [{ physicalLocation: { artifactLocation: { uri: toUri(n.file) } } }],
              })),
            },
          ],
          columnKind: 'utf16CodeUnits',
          results: sarifResults,
        },
      ],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};

function resultsOf(result: FileResult, ruleIndex: Map<string, number>): object[] {
  const uri = toUri(result.file);
  const lines = new LineIndex(result.text);
  const prints = fingerprints(result);
  return result.findings.map((finding, i) => ({
    ruleId: finding.code,
    ...(ruleIndex.has(finding.code) ? { ruleIndex: ruleIndex.get(finding.code) } : {}),
    level: SARIF_LEVELS[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(finding.range, result.text, finding.span) } }],
    ...(finding.related.length
      ? {
          relatedLocations: finding.related.map((related, id) => ({
            id,
            message: { text: related.message },
            physicalLocation: { artifactLocation: { uri }, region: region(related.range, result.text, related.span) },
          })),
        }
      : {}),
    partialFingerprints: { 'muslcheck/v1': prints[i] },
    ...(finding.fixes.length ? { fixes: fixesOf(finding, uri, lines) } : {}),
  }));
}

function region(range: Finding['range'], text: string, span: Finding['span']): object {
  const { line, column, endLine, endColumn } = oneBased(range);
  return { startLine: line, startColumn: column, endLine, endColumn, snippet: { text: text.slice(span.start, span.end) } };
}

function fixesOf(finding: Finding, uri: string, lines: LineIndex): object[] {
  return finding.fixes.map((fix) => ({
    description: { text: `${fix.title}${fix.safety === 'unsafe' ? ' (unsafe: review the change)' : ''}` },
    artifactChanges: [
      {
        artifactLocation: { uri },
        replacements: fix.edits.map((edit) => {
          const { line, column, endLine, endColumn } = oneBased(lines.rangeOf(edit.span));
          return {
            deletedRegion: { startLine: line, startColumn: column, endLine, endColumn },
            ...(edit.newText ? { insertedContent: { text: edit.newText } } : {}),
          };
        }),
      },
    ],
  }));
}

/** A relative path stays relative (GitHub resolves it against the repository); an absolute one becomes a file URI. */
export function toUri(path: string): string {
  const portable = portablePath(path);
  const encoded = portable
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (/^[A-Za-z]:\//.test(portable)) return `file:///${portable.slice(0, 2)}${encoded.slice(encoded.indexOf('/'))}`;
  return portable.startsWith('/') ? `file://${encoded}` : encoded;
}

/** SARIF plain-text descriptions: drop the Markdown backticks. */
function plain(text: string): string {
  return text.replace(/`/g, '');
}
