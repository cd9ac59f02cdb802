// Golden tests: every format renders the shared results fixture exactly as its .out file
// says. After an intended change, UPDATE_GOLDEN=1 rewrites the files; review the diff.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
    // Not the count either: a new rule must not change every golden.
    driver.rules = '<every rule, from rule.meta>';
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

/** Compares with a golden file, or rewrites it under UPDATE_GOLDEN=1. */
function assertGolden(actual: string, file: string): void {
  if (process.env.UPDATE_GOLDEN) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
  }
  assert.equal(actual, readFileSync(file, 'utf8'));
}

describe('output formats (golden)', () => {
  for (const formatter of FORMATTERS) {
    if (formatter.name === 'gitlab') continue;
    it(`${formatter.name} matches golden/${formatter.name}.out`, () => {
      assertGolden(withoutRuleMeta(formatter.name, formatter.format(RESULTS, CONTEXT)), join(__dirname, 'golden', `${formatter.name}.out`));
    });

    it(`${formatter.name} renders no results as golden/empty/${formatter.name}.out`, () => {
      assertGolden(
        withoutRuleMeta(formatter.name, formatter.format([], CONTEXT)),
        join(__dirname, 'golden', 'empty', `${formatter.name}.out`),
      );
    });
  }

  it('gitlab is the codeclimate format under a second name', () => {
    assert.equal(formatterNamed('gitlab')!.format(RESULTS, CONTEXT), formatterNamed('codeclimate')!.format(RESULTS, CONTEXT));
    assert.equal(formatterNamed('gitlab')!.format([], CONTEXT), formatterNamed('codeclimate')!.format([], CONTEXT));
  });
});
