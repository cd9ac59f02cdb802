// The rule docs match the rules (scripts/gen-docs.ts --check): generated headers and the
// rules table are up to date, the H2 sections are the fixed ones, and the examples behave.
import * as assert from 'node:assert/strict';
import { checkExamples, generateDocs, initForDocs, ruleHeader, SECTIONS } from '../../scripts/gen-docs';
import { RULES_BY_CODE } from '../../server/src/rules/index';

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

  it('are up to date and their examples behave (npm run docs:check)', function () {
    const report = generateDocs('check');
    assert.deepEqual(report.stale, [], 'run npm run docs:gen');
    assert.deepEqual(report.problems, []);
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
