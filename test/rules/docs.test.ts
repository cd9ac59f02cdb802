// The rule docs match the rules (scripts/generate/docs.ts): the generated headers and the
// rules tables are up to date, the H2 sections are the fixed ones, and the examples behave.
import * as assert from 'node:assert/strict';
import { staleFiles } from '../../scripts/generate';
import { checkExamples, docsTarget, initForDocs, ruleHeader, SECTIONS } from '../../scripts/generate/docs';
import { RULES, RULES_BY_CODE } from '../../server/src/rules/index';

const page = (example: string, instead: string): string =>
  `${ruleHeader(RULES_BY_CODE.get('MC1006')!)}\n\n${SECTIONS.map((s) =>
    s === 'Example'
      ? `## ${s}\n\n\`\`\`dockerfile\n${example}\`\`\`\n`
      : s === 'Use instead'
        ? `## ${s}\n\n\`\`\`dockerfile\n${instead}\`\`\`\n`
        : `## ${s}\n\nText.\n`,
  ).join('\n')}`;

describe('rule docs', function () {
  before(initForDocs);

  it('are up to date and their examples behave (npm run generate -- --check)', function () {
    const report = docsTarget(RULES);
    assert.deepEqual(staleFiles(report.files), [], 'run npm run generate');
    assert.deepEqual(report.problems, []);
  });

  it('would rewrite the tables and a page header when a summary changed', function () {
    const changed = RULES.map((r) => (r.meta.code === 'MC1006' ? { ...r, meta: { ...r.meta, summary: 'Another summary' } } : r));
    assert.deepEqual(staleFiles(docsTarget(changed).files), ['docs/rules/MC1006.md', 'docs/rules/README.md', 'README.md']);
  });

  it('reject an Example that does not raise the code, or raises others', function () {
    const rule = RULES_BY_CODE.get('MC1006')!;
    const clean = 'FROM alpine:3.20\nRUN apk add gcompat\n';
    assert.deepEqual(checkExamples(rule, page('FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk\n', clean)), []);
    assert.deepEqual(checkExamples(rule, page(clean, clean)), ['MC1006.md: the Example must raise only MC1006, it raises [nothing]']);
    assert.deepEqual(checkExamples(rule, page('FROM alpine:3.20\nRUN apk add --allow-untrusted glibc.apk\n', clean)), [
      'MC1006.md: the Example must raise only MC1006, it raises [MC1006, MC1002]',
    ]);
  });

  it('reject a Use instead example that is not clean, and wrong headings', function () {
    const rule = RULES_BY_CODE.get('MC1006')!;
    const bad = 'FROM alpine:3.20\nRUN apk add --allow-untrusted /tmp/x.apk\n';
    assert.deepEqual(checkExamples(rule, page(bad, bad)), ['MC1006.md: the "Use instead" example must be clean, it raises [MC1006]']);
    const renamed = page(bad, 'FROM alpine:3.20\n').replace('## Suppress', '## Ignore');
    assert.match(checkExamples(rule, renamed)[0], /H2 headings are \[.*Ignore.*\], expected/);
  });
});
