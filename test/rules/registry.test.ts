// The rule registry stays consistent (ESLint's checkRuleFiles): every rule file has an index
// entry and the other way round, codes and slugs are unique and well formed, every meta field
// is filled in, and every rule has a docs page and a test folder.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RETIRED_CODES, RULES } from '../../server/src/rules/index';
import { DOCS_BASE_URL, docsUrl, SEVERITIES } from '../../server/src/rules/types';

const ROOT = join(__dirname, '..', '..');
const RULES_SRC = join(ROOT, 'server', 'src', 'rules');
const DOCS = join(ROOT, 'docs', 'rules');
const TESTS = __dirname;

const codes = RULES.map((r) => r.meta.code);
const ruleFiles = readdirSync(RULES_SRC).filter((f) => /^mc\d{4}-.*\.ts$/.test(f));

describe('rule registry', function () {
  it('lists codes once each, sorted, none of them retired', function () {
    assert.deepEqual(codes, [...new Set(codes)].sort());
    assert.deepEqual(
      RETIRED_CODES.filter((c) => codes.includes(c)),
      [],
    );
  });

  it('has one rule file per index entry, named <code>-<slug>.ts', function () {
    const expected = RULES.map((r) => `${r.meta.code.toLowerCase()}-${r.meta.slug}.ts`).sort();
    assert.deepEqual(ruleFiles.sort(), expected);
  });

  it('has unique kebab-case slugs', function () {
    const slugs = RULES.map((r) => r.meta.slug);
    assert.deepEqual(slugs.length, new Set(slugs).size);
    for (const slug of slugs) assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  for (const rule of RULES) {
    describe(rule.meta.code, function () {
      it('fills in every meta field', function () {
        const { meta } = rule;
        assert.match(meta.code, /^MC\d{4}$/);
        assert.ok(SEVERITIES.includes(meta.severity), `severity ${meta.severity}`);
        assert.ok(['always', 'sometimes', 'never'].includes(meta.fixable), `fixable ${meta.fixable}`);
        assert.match(meta.since, /^\d+\.\d+\.\d+$/);
        assert.ok(meta.summary.trim().length > 10 && !meta.summary.includes('\n'), 'summary is one line');
        assert.ok(!meta.summary.endsWith('.'), 'summary is a phrase, not a sentence');
        assert.ok(meta.explanation.trim().length > meta.summary.length, 'explanation says more than the summary');
        assert.ok(!/\bTODO\b/.test(`${meta.summary} ${meta.explanation}`), 'summary and explanation are written, not TODO');
      });

      it('has a docs page where its docs URL points', function () {
        assert.ok(docsUrl(rule.meta.code).startsWith(DOCS_BASE_URL));
        const relative = docsUrl(rule.meta.code).replace(/^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/[^/]+\//, '');
        assert.ok(existsSync(join(ROOT, relative)), `${relative} is missing`);
      });

      it('has a test folder with its test file', function () {
        const folder = join(TESTS, rule.meta.code);
        assert.ok(existsSync(folder), `test/rules/${rule.meta.code}/ is missing`);
        const files = readdirSync(folder);
        assert.ok(files.includes(`${rule.meta.code}.test.ts`), `${rule.meta.code}.test.ts is missing`);
      });
    });
  }

  it('has no docs page or test folder for an unknown code', function () {
    const known = new Set([...codes, ...RETIRED_CODES]);
    const pages = readdirSync(DOCS).filter((f) => /^MC\d{4}\.md$/.test(f));
    assert.deepEqual(
      pages.filter((p) => !known.has(p.replace(/\.md$/, ''))),
      [],
    );
    const folders = readdirSync(TESTS, { withFileTypes: true }).filter((d) => d.isDirectory());
    assert.deepEqual(
      folders.map((d) => d.name).filter((name) => !codes.includes(name)),
      [],
    );
  });
});
