// The rule tester: table-driven `valid`/`invalid` cases (ESLint's RuleTester in our terms),
// golden fixture files (`bad-*.Dockerfile` + `bad-*.out`, `ok-*.Dockerfile`), and the fix
// round-trip checks that every offered fix must pass.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyze, analyzeAndFix, initAnalyzer, type AnalysisResult, type AnalyzeOptions } from '../../server/src/analyze';
import { applyEdits, selectFixes } from '../../server/src/fixes/apply';
import type { Edit, Fix } from '../../server/src/fixes/types';
import { formatter as textFormatter } from '../../server/src/outputs/text';
import type { Span } from '../../server/src/parse/text';
import { RULES_BY_CODE } from '../../server/src/rules/index';
import type { Finding } from '../../server/src/rules/types';
import { VERSION } from '../../server/src/version';

/** The folder that holds one sub-folder of fixtures per rule code. */
export const RULES_TEST_DIR = __dirname;

/** Set `UPDATE_GOLDEN=1` to rewrite the `.out` files instead of comparing them. */
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/**
 * Loads the bash grammar straight from the tree-sitter-bash package, so the tests need no
 * build (node/init.ts looks next to the compiled output, which tsx does not use).
 */
export async function initRules(): Promise<void> {
  await initAnalyzer({ grammar: readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')) });
}

/** A finding as a person reads it: 1-based, end included as the editor shows it. */
export interface ExpectedError {
  code: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** When set, the message must match. */
  message?: RegExp;
}

/** A Dockerfile on which the rule must stay silent. */
export type ValidCase = string | { name?: string; code: string; options?: AnalyzeOptions };

/** A Dockerfile on which the rule reports exactly `errors`. */
export interface InvalidCase {
  name?: string;
  code: string;
  options?: AnalyzeOptions;
  /** The findings of the rule under test (and of any other code these entries name). */
  errors: ExpectedError[];
  /**
   * The text after applying the preferred fixes of the rule's findings; `null` asserts that
   * no fix is offered. Required whenever a fix is offered.
   */
  output?: string | null;
}

/** The `valid` and `invalid` tables of one rule. */
export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** 1-based position of a finding, as in `ExpectedError`. */
export function located(finding: Finding): Required<Omit<ExpectedError, 'message'>> {
  return {
    code: finding.code,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
  };
}

function caseName(name: string | undefined, code: string): string {
  if (name) return name;
  const flat = code.replace(/\r?\n/g, ' ⏎ ').replace(/\s+/g, ' ');
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
}

/** Registers the mocha cases of one rule. */
export function ruleTester(ruleCode: string, cases: RuleCases): void {
  const rule = RULES_BY_CODE.get(ruleCode);
  describe(`${ruleCode} ${rule?.meta.slug ?? '(unknown rule)'}`, function () {
    before(initRules);

    it('is a registered rule', function () {
      assert.ok(rule, `${ruleCode} is not in rules/index.ts`);
    });

    describe('valid', function () {
      for (const valid of cases.valid) {
        const { name, code, options } = typeof valid === 'string' ? { name: undefined, code: valid, options: undefined } : valid;
        it(caseName(name, code), function () {
          const found = analyze(code, options).findings.filter((f) => f.code === ruleCode);
          assert.deepEqual(found.map(located), [], `${ruleCode} must not fire`);
        });
      }
    });

    describe('invalid', function () {
      for (const invalid of cases.invalid) {
        it(caseName(invalid.name, invalid.code), function () {
          checkInvalid(ruleCode, invalid);
        });
      }
    });

    it(`offers fixes as its meta says (fixable: ${rule?.meta.fixable})`, function () {
      assert.ok(rule);
      const inputs = [
        ...cases.invalid.map((c) => ({ code: c.code, options: c.options })),
        ...fixtureFiles(ruleCode)
          .filter((f) => basename(f).startsWith('bad-'))
          .map((f) => ({ code: readFileSync(f, 'utf8'), options: undefined })),
      ];
      const own = inputs.flatMap(({ code, options }) => analyze(code, options).findings.filter((f) => f.code === ruleCode));
      const fixed = own.filter((f) => f.fixes.length > 0).length;
      const unfixed = own.length - fixed;
      const claim = { always: unfixed === 0 && fixed > 0, sometimes: fixed > 0 && unfixed > 0, never: fixed === 0 }[rule.meta.fixable];
      assert.ok(claim, `fixable is '${rule.meta.fixable}', but of ${own.length} findings in the cases and fixtures ${fixed} offer a fix`);
    });
  });
}

function checkInvalid(ruleCode: string, invalid: InvalidCase): void {
  assert.ok(invalid.errors.length > 0, 'an invalid case expects at least one error');
  const codes = new Set([ruleCode, ...invalid.errors.map((e) => e.code)]);
  const result = analyze(invalid.code, invalid.options);
  const found = result.findings.filter((f) => codes.has(f.code));
  const actual = found.map(located);
  // Ends that a case leaves out are not compared.
  const expected = invalid.errors.map((e, i) => ({
    code: e.code,
    line: e.line,
    column: e.column,
    endLine: e.endLine ?? actual[i]?.endLine,
    endColumn: e.endColumn ?? actual[i]?.endColumn,
  }));
  assert.deepEqual(actual, expected, 'findings differ');
  invalid.errors.forEach((e, i) => {
    if (e.message) assert.match(found[i].message, e.message);
  });

  const own = found.filter((f) => f.code === ruleCode);
  const offered = own.flatMap((f) => f.fixes);
  if (invalid.output === null) {
    assert.deepEqual(
      offered.map((f) => f.title),
      [],
      'output: null, but a fix is offered',
    );
  } else if (invalid.output === undefined) {
    assert.deepEqual(
      offered.map((f) => f.title),
      [],
      'a fix is offered: give `output` for this case',
    );
  } else {
    assert.ok(offered.length > 0, 'output is given, but no fix is offered');
    const picked = selectFixes(own.flatMap((f) => f.fixes.filter((x) => x.preferred)));
    assert.equal(
      applyEdits(
        invalid.code,
        picked.flatMap((f) => f.edits),
      ),
      invalid.output,
    );
  }
  for (const finding of own) for (const fix of finding.fixes) checkFix(invalid.code, invalid.options ?? {}, result, finding, fix);
}

/** The fixture files of a rule folder (or of every rule folder when `code` is omitted). */
export function fixtureFiles(code?: string): string[] {
  const folders = code
    ? [join(RULES_TEST_DIR, code)]
    : readdirSync(RULES_TEST_DIR, { withFileTypes: true })
        .filter((d) => d.isDirectory() && /^MC\d{4}$/.test(d.name))
        .map((d) => join(RULES_TEST_DIR, d.name));
  return folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((f) => /^(bad|ok)-.*\.Dockerfile$/.test(f))
      .sort()
      .map((f) => join(folder, f)),
  );
}

/** The golden lines of a fixture: the text formatter's output, with the file's base name. */
export function goldenText(file: string, text: string, result: AnalysisResult): string {
  return textFormatter.format([{ file: basename(file), text, findings: result.findings, stages: result.model.stages }], {
    color: false,
    version: VERSION,
  });
}

/**
 * Registers the fixture cases of a rule folder: each `bad-*.Dockerfile` raises the rule and
 * matches its `.out` (rewritten under UPDATE_GOLDEN=1), each `ok-*.Dockerfile` is clean.
 * `options` are for rules that only run on request (MC0002).
 */
export function fixtureTester(ruleCode: string, options: AnalyzeOptions = {}): void {
  const folder = join(RULES_TEST_DIR, ruleCode);
  describe(`${ruleCode} fixtures`, function () {
    before(initRules);

    it('has bad and ok fixtures, and no stray .out file', function () {
      const files = readdirSync(folder);
      assert.ok(
        files.some((f) => /^bad-.*\.Dockerfile$/.test(f)),
        'no bad-*.Dockerfile',
      );
      assert.ok(
        files.some((f) => /^ok-.*\.Dockerfile$/.test(f)),
        'no ok-*.Dockerfile',
      );
      for (const out of files.filter((f) => f.endsWith('.out'))) {
        assert.ok(files.includes(out.replace(/\.out$/, '.Dockerfile')), `${out} has no Dockerfile`);
      }
    });

    for (const file of fixtureFiles(ruleCode)) {
      const name = basename(file);
      it(name, function () {
        const text = readFileSync(file, 'utf8');
        const result = analyze(text, options);
        if (name.startsWith('ok-')) {
          assert.deepEqual(result.findings.map(located), [], 'an ok- fixture must be clean');
          return;
        }
        assert.ok(
          result.findings.some((f) => f.code === ruleCode),
          `a bad- fixture must raise ${ruleCode}`,
        );
        const golden = file.replace(/\.Dockerfile$/, '.out');
        const actual = goldenText(file, text, result);
        if (UPDATE_GOLDEN) writeFileSync(golden, actual);
        assert.ok(existsSync(golden), `${basename(golden)} is missing: run with UPDATE_GOLDEN=1 and review it`);
        assert.equal(actual, readFileSync(golden, 'utf8'));
      });
    }
  });
}

// ---------------------------------------------------------------------------------------
// Fix round trips

const KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

function sortedEdits(edits: readonly Edit[]): Edit[] {
  return [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

function touches(span: Span, edit: Edit): boolean {
  const { start, end } = edit.span;
  if (start === end) return span.start < start && start < span.end;
  return start < span.end && span.start < end;
}

/** Where a span lands after the edits, or null when an edit touches it. */
export function mapSpan(span: Span, edits: readonly Edit[]): Span | null {
  let shift = 0;
  for (const edit of edits) {
    if (touches(span, edit)) return null;
    if (edit.span.end <= span.start) shift += edit.newText.length - (edit.span.end - edit.span.start);
  }
  return { start: span.start + shift, end: span.end + shift };
}

function describeFinding(text: string, finding: Finding): string {
  const at = located(finding);
  return `${at.code} at ${at.line}:${at.column} ${JSON.stringify(text.slice(finding.span.start, finding.span.end))}`;
}

/**
 * Checks edits applied to `before` (whose analysis is `result`): the edits stay off CRLF and
 * surrogate pairs, every byte outside them is unchanged, line ends keep their style, the
 * result still parses into known instructions with no new shell errors, the `gone` findings
 * are gone and no finding appears that was not there before. Returns the new text.
 */
export function checkEdits(
  before: string,
  options: AnalyzeOptions,
  result: AnalysisResult,
  edits: readonly Edit[],
  gone: readonly Finding[],
  label: string,
): string {
  const sorted = sortedEdits(edits);
  const after = applyEdits(before, sorted);
  const where = (msg: string): string => `${label}: ${msg}\n--- after ---\n${after}`;

  for (const edit of sorted) {
    for (const at of [edit.span.start, edit.span.end]) {
      assert.ok(!(before[at - 1] === '\r' && before[at] === '\n'), where(`an edit splits a CRLF at ${at}`));
      const high = before.charCodeAt(at - 1);
      assert.ok(!(high >= 0xd800 && high <= 0xdbff), where(`an edit splits a surrogate pair at ${at}`));
    }
  }
  let from = 0;
  let cursor = 0;
  for (const edit of sorted) {
    const kept = before.slice(from, edit.span.start);
    assert.equal(after.slice(cursor, cursor + kept.length), kept, where('text outside the edits changed'));
    cursor += kept.length + edit.newText.length;
    from = edit.span.end;
  }
  assert.equal(after.slice(cursor), before.slice(from), where('text after the last edit changed'));
  if (!/(^|[^\r])\n/.test(before)) assert.ok(!/(^|[^\r])\n/.test(after), where('a bare LF appeared in a CRLF file'));
  if (!before.includes('\r')) assert.ok(!after.includes('\r'), where('a CR appeared in an LF file'));

  const next = analyze(after, options);
  const keywords = next.model.parsed.instructions.map((i) => i.keyword);
  assert.deepEqual(
    keywords.filter((k) => !KEYWORDS.has(k)),
    [],
    where('the result has instructions that are not Dockerfile keywords'),
  );
  assert.equal(
    keywords.filter((k) => k === 'FROM').length,
    result.model.parsed.instructions.filter((i) => i.keyword === 'FROM').length,
    where('the number of stages changed'),
  );
  const errors = (r: AnalysisResult): number => r.model.stages.flatMap((s) => s.runs).filter((run) => run.hasErrors).length;
  assert.ok(errors(next) <= errors(result), where('the fix introduced a shell syntax error'));

  const survivors = new Set<string>();
  for (const finding of result.findings) {
    const mapped = mapSpan(finding.span, sorted);
    if (mapped) survivors.add(`${finding.code}@${mapped.start}-${mapped.end}`);
  }
  const fresh = next.findings.filter((f) => !survivors.has(`${f.code}@${f.span.start}-${f.span.end}`));
  assert.deepEqual(
    fresh.map((f) => describeFinding(after, f)),
    [],
    where('the fix introduced findings'),
  );
  for (const finding of gone) {
    const mapped = mapSpan(finding.span, sorted);
    if (!mapped) continue;
    const still = next.findings.find((f) => f.code === finding.code && f.span.start === mapped.start && f.span.end === mapped.end);
    assert.ok(!still, where(`${describeFinding(before, finding)} is still reported`));
  }
  return after;
}

/** Checks one fix of one finding (see `checkEdits`). */
export function checkFix(text: string, options: AnalyzeOptions, result: AnalysisResult, finding: Finding, fix: Fix): string {
  assert.ok(fix.title.length > 0 && fix.edits.length > 0, 'a fix has a title and edits');
  return checkEdits(text, options, result, fix.edits, [finding], `${describeFinding(text, finding)}, fix "${fix.title}"`);
}

/**
 * Runs the fix-all loop that --fix and the editor run (`analyzeAndFix`), safe fixes only or
 * unsafe ones too, checking each pass like a single fix, and requires it to settle. Returns
 * the final text.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}, unsafe = false): string {
  let pass = 0;
  const outcome = analyzeAndFix(text, options, {
    unsafe,
    onPass({ before, analysis, fixes, after }) {
      pass++;
      const keys = new Set(fixes.map((f) => f.key));
      const gone = analysis.findings.filter((f) => f.fixes.some((x) => keys.has(x.key)));
      const checked = checkEdits(
        before,
        options,
        analysis,
        fixes.flatMap((f) => f.edits),
        gone,
        `fix-all pass ${pass}${unsafe ? ' (unsafe)' : ''}`,
      );
      assert.equal(after, checked);
    },
  });
  assert.equal(outcome.stop, 'settled', `fix-all stopped (${outcome.stop}) after ${outcome.passes} passes`);
  return outcome.text;
}
