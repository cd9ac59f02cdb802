// Golden tests: every format renders the shared results fixture exactly as its .out file
// says. After an intended change, UPDATE_GOLDEN=1 rewrites the files; review the diff.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FORMATTERS, formatterNamed } from '../../server/src/outputs/index';
import { RULES } from '../../server/src/rules/index';
import { docsUrl } from '../../server/src/rules/types';
import { RESULTS } from './fixture';

const CONTEXT = { color: false, version: '9.9.9', notifications: [] };

/** Parts that come straight from rule meta are checked against it, not frozen in a golden. */
function withoutRuleMeta(name: string, output: string): string {
  if (name === 'sarif') {
    const log = JSON.parse(output);
    const driver = log.runs[0].tool.driver;
    assert.deepEqual(
      driver.rules.map((r: { id: string }) => r.id),
      RULES.map((r) => r.meta.code),
    );
    for (const [i, rule] of RULES.entries()) {
      assert.equal(driver.rules[i].name, rule.meta.slug);
      assert.equal(driver.rules[i].helpUri, docsUrl(rule.meta.code));
    }
    driver.rules = `<${RULES.length} rules from rule.meta>`;
    return `${JSON.stringify(log, null, 2)}\n`;
  }
  if (name === 'codeclimate' || name === 'gitlab') {
    const issues = JSON.parse(output);
    for (const issue of issues) {
      assert.ok(issue.content.body.endsWith(docsUrl(issue.check_name)));
      issue.content.body = `<explanation of ${issue.check_name}>`;
    }
    return `${JSON.stringify(issues, null, 2)}\n`;
  }
  return output;
}

describe('output formats (golden)', () => {
  for (const formatter of FORMATTERS) {
    if (formatter.name === 'gitlab') continue;
    it(`${formatter.name} matches golden/${formatter.name}.out`, () => {
      const file = join(__dirname, 'golden', `${formatter.name}.out`);
      const actual = withoutRuleMeta(formatter.name, formatter.format(RESULTS, CONTEXT));
      if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual);
      assert.equal(actual, readFileSync(file, 'utf8'));
    });
  }

  it('gitlab is the codeclimate format under a second name', () => {
    assert.equal(formatterNamed('gitlab')!.format(RESULTS, CONTEXT), formatterNamed('codeclimate')!.format(RESULTS, CONTEXT));
  });

  it('every format renders no results without failing', () => {
    for (const formatter of FORMATTERS) assert.equal(typeof formatter.format([], CONTEXT), 'string');
  });
});
