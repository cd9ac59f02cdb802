// The pragma module on its own: what it reads from `# muslcheck` comments (with the offsets
// of each code), which findings each scope silences, and the suppress edit as plain text.
import * as assert from 'node:assert/strict';
import { applyEdits } from '../../server/src/fixes/apply';
import { parseDockerfile } from '../../server/src/parse/dockerfile';
import { applyPragmas, readPragmas, suppressEdit, type Suppressible } from '../../server/src/rules/pragmas';
import { initRules } from './helpers';

const KNOWN = new Set(['MC1002', 'MC1006', 'MC2001']);

function read(text: string) {
  const doc = parseDockerfile(text);
  return { doc, ...readPragmas(doc, KNOWN) };
}

/** The text of each span. */
const texts = (text: string, spans: readonly { start: number; end: number }[]): string[] => spans.map((s) => text.slice(s.start, s.end));

describe('rules/pragmas', function () {
  before(initRules);

  describe('readPragmas', function () {
    it('reads scope, codes with their offsets, reason and target', function () {
      const text = 'FROM alpine:3.20\n  # muslcheck ignore=mc1002, MC1006 # local apks\n  RUN apk add --allow-untrusted glibc.apk\n';
      const { pragmas, problems } = read(text);
      assert.deepEqual(problems, []);
      assert.equal(pragmas.length, 1);
      const [pragma] = pragmas;
      assert.equal(pragma.scope, 'instruction');
      assert.deepEqual(pragma.codes, ['MC1002', 'MC1006']);
      assert.deepEqual(texts(text, pragma.codeSpans), ['mc1002', 'MC1006']);
      assert.equal(pragma.reason, 'local apks');
      assert.equal(text.slice(pragma.span.start, pragma.span.end), '# muslcheck ignore=mc1002, MC1006 # local apks');
      assert.equal(pragma.target?.keyword, 'RUN');
    });

    it('reads global pragmas at the very top, which the parser takes for directives', function () {
      const text = '# muslcheck global ignore=MC2001\n# muslcheck stage ignore=MC1002\nFROM alpine:3.20\n';
      const { pragmas, problems } = read(text);
      assert.deepEqual(problems, []);
      assert.deepEqual(
        pragmas.map((p) => [p.scope, p.codes, p.target?.keyword ?? null]),
        [
          ['global', ['MC2001'], null],
          ['stage', ['MC1002'], 'FROM'],
        ],
      );
    });

    it('reports each bad code where it is written, and the comment for other problems', function () {
      const text = 'FROM alpine:3.20\n# muslcheck ignore=MC12,MC9999,X\nRUN true\n# muslcheck ignore=MC9999,MC1006,MC8888\nRUN true\n';
      const { pragmas, problems } = read(text);
      assert.deepEqual(
        problems.map((p) => [p.kind, text.slice(p.span.start, p.span.end)]),
        [
          ['malformed-code', 'MC12'],
          ['unknown-code', 'MC9999'],
          ['malformed-code', 'X'],
          ['unknown-code', 'MC9999'],
          ['unknown-code', 'MC8888'],
        ],
      );
      // A malformed code voids its pragma; an unknown one leaves the others in force.
      assert.deepEqual(
        pragmas.map((p) => p.codes),
        [['MC9999', 'MC1006', 'MC8888']],
      );
    });

    it('refuses a pragma that stands above no instruction, or a stage pragma above a RUN', function () {
      const text =
        'FROM alpine:3.20\n# muslcheck ignore=MC1002\n\n# muslcheck stage ignore=MC1002\nRUN true\n# muslcheck ignroe=MC1002\nRUN true\n# muslcheck ignore=\nRUN true\n';
      const { pragmas, problems } = read(text);
      assert.deepEqual(pragmas, []);
      assert.deepEqual(
        problems.map((p) => [p.kind, text.slice(p.span.start, p.span.end)]),
        [
          ['not-above-instruction', '# muslcheck ignore=MC1002'],
          ['stage-not-above-from', '# muslcheck stage ignore=MC1002'],
          ['unknown-directive', '# muslcheck ignroe=MC1002'],
          ['no-code', '# muslcheck ignore='],
        ],
      );
    });
  });

  describe('applyPragmas', function () {
    const text = [
      '# muslcheck global ignore=MC2001',
      'FROM debian:12 AS build',
      '# muslcheck stage ignore=MC1006',
      'FROM alpine:3.20',
      '# muslcheck ignore=MC1002',
      'RUN apk add glibc',
      'RUN apk add glibc',
      '',
    ].join('\n');
    const { doc, pragmas } = read(text);
    const at = (code: string, needle: string, nth: number, stage: number): Suppressible => {
      let from = -1;
      for (let i = 0; i <= nth; i++) from = text.indexOf(needle, from + 1);
      return { code, span: { start: from, end: from + needle.length }, stage };
    };
    const stageStarts = doc.instructions.filter((i) => i.keyword === 'FROM');

    it('silences by scope: the file, the stage below, the instruction below', function () {
      const findings = [
        at('MC2001', 'FROM debian', 0, 0),
        at('MC1006', 'RUN apk', 0, 1),
        at('MC1006', 'FROM debian', 0, 0),
        at('MC1002', 'glibc', 0, 1),
        at('MC1002', 'glibc', 1, 1),
      ];
      const { kept, suppressed } = applyPragmas(findings, pragmas, stageStarts);
      assert.deepEqual(kept, [findings[2], findings[4]]);
      assert.deepEqual(
        suppressed.map((s) => [s.finding, s.pragma.scope]),
        [
          [findings[0], 'global'],
          [findings[1], 'stage'],
          [findings[3], 'instruction'],
        ],
      );
    });
  });

  describe('suppressEdit', function () {
    const edit = (text: string, needle: string, code = 'MC1006'): string | null => {
      const { doc, pragmas } = read(text);
      const start = text.indexOf(needle);
      const made = suppressEdit(doc, pragmas, { code, span: { start, end: start + needle.length }, stage: 0 });
      return made && applyEdits(text, [made.edit]);
    };

    it('adds a pragma line above the instruction, at its indentation and line ends', function () {
      assert.equal(
        edit('FROM alpine:3.20\r\n    RUN apk add --allow-untrusted a.apk\r\n', '--allow-untrusted'),
        'FROM alpine:3.20\r\n    # muslcheck ignore=MC1006\r\n    RUN apk add --allow-untrusted a.apk\r\n',
      );
    });

    it('adds the code to the ignore pragma already there, before its reason', function () {
      assert.equal(
        edit('FROM alpine:3.20\n# muslcheck ignore=MC1002 # why\nRUN apk add --allow-untrusted glibc.apk\n', '--allow-untrusted'),
        'FROM alpine:3.20\n# muslcheck ignore=MC1002,MC1006 # why\nRUN apk add --allow-untrusted glibc.apk\n',
      );
    });

    it('puts the pragma of an ONBUILD trigger above the ONBUILD, and has none outside instructions', function () {
      assert.equal(
        edit('FROM alpine:3.20\nONBUILD RUN apk add --allow-untrusted a.apk\n', '--allow-untrusted'),
        'FROM alpine:3.20\n# muslcheck ignore=MC1006\nONBUILD RUN apk add --allow-untrusted a.apk\n',
      );
      assert.equal(edit('FROM alpine:3.20\n# a comment\n', 'a comment'), null);
    });

    it('names the code in its title', function () {
      const { doc, pragmas } = read('FROM alpine:3.20\n');
      assert.equal(
        suppressEdit(doc, pragmas, { code: 'MC1001', span: { start: 5, end: 16 }, stage: 0 })?.title,
        'Suppress MC1001 for this instruction',
      );
    });
  });
});
