// Fix round trips over every rule fixture, as written and with CRLF line ends and tab
// indentation: each offered fix applies cleanly, removes its finding and adds none, and
// fix-all settles and is idempotent.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename, dirname, relative } from 'node:path';
import { analyze } from '../../server/src/analyze';
import { RULES } from '../../server/src/rules/index';
import { checkFix, fixAll, fixtureFiles, initRules, located, RULES_TEST_DIR } from './helpers';

/** The same Dockerfile with CRLF line ends. */
function withCrlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The same Dockerfile indented with tabs, and a tab after each instruction keyword. */
function withTabs(text: string): string {
  return text.replace(/^(?: {4})+/gm, (m) => '\t'.repeat(m.length / 4)).replace(/^([A-Za-z]+) /gm, '$1\t');
}

const VARIANTS: { name: string; make: (text: string) => string; sameColumns: boolean }[] = [
  { name: 'as written', make: (t) => t, sameColumns: true },
  { name: 'CRLF', make: withCrlf, sameColumns: true },
  { name: 'tabs', make: withTabs, sameColumns: false },
];

describe('rule fixes', function () {
  before(initRules);

  for (const file of fixtureFiles()) {
    const name = `${basename(dirname(file))}/${basename(file)}`;
    describe(name, function () {
      for (const variant of VARIANTS) {
        it(`${variant.name}: every fix round-trips, fix-all settles and is idempotent`, function () {
          const original = readFileSync(file, 'utf8');
          const text = variant.make(original);
          const result = analyze(text);
          const where = (at: ReturnType<typeof located>): unknown =>
            variant.sameColumns ? at : { code: at.code, line: at.line, endLine: at.endLine };
          assert.deepEqual(
            result.findings.map((f) => where(located(f))),
            analyze(original).findings.map((f) => where(located(f))),
            `the ${variant.name} variant reports differently`,
          );
          for (const finding of result.findings) for (const fix of finding.fixes) checkFix(text, {}, result, finding, fix);
          for (const unsafe of [false, true]) {
            const once = fixAll(text, {}, unsafe);
            assert.equal(fixAll(once, {}, unsafe), once, `fix-all${unsafe ? ' with unsafe fixes' : ''} applied twice differs from once`);
          }
        });
      }
    });
  }

  it('covers fixtures of every rule that reads Dockerfiles, and only of rules', function () {
    const folders = new Set(fixtureFiles().map((f) => relative(RULES_TEST_DIR, dirname(f))));
    // A rule that reads built images (muslcheck image) has image tests, not Dockerfile fixtures.
    assert.deepEqual(
      [...folders].sort(),
      RULES.filter((r) => r.meta.input !== 'image').map((r) => r.meta.code),
    );
  });
});
