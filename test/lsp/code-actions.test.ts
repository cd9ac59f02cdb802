// Code actions: every quick fix and suppression, on every finding of every fixture, leaves
// a Dockerfile that parses, without that finding and without any new one; fix-all too.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, CodeActionParams, Diagnostic } from 'vscode-languageserver-protocol';
import { analyzeAndFix } from '../../server/src/analyze';
import type { DocumentAnalysis } from '../../server/src/lsp/analysis/document-analysis';
import { provideCodeActions } from '../../server/src/lsp/features/code-actions';
import { provideDiagnostics } from '../../server/src/lsp/features/diagnostics';
import { DEFAULT_SETTINGS, toAnalyzeOptions } from '../../server/src/lsp/features/settings';
import type { PositionEncoding } from '../../server/src/lsp/position-encoding';
import { applyClientEdits, editsFor } from './edits';
import { analyse, analyseWithFixAll, fixture, initAnalyzerForTests } from './helpers';

const FIXTURES = readdirSync(join(__dirname, 'fixtures')).filter((f) => f.endsWith('.Dockerfile'));
const CAPS = { documentChanges: false };

function params(analysis: DocumentAnalysis, diagnostic: Diagnostic, only?: string[]): CodeActionParams {
  return {
    textDocument: { uri: analysis.uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], ...(only ? { only } : {}) },
  };
}

/** Findings as code → count. */
function counts(analysis: DocumentAnalysis): Map<string, number> {
  const result = new Map<string, number>();
  for (const f of analysis.result!.findings) result.set(f.code, (result.get(f.code) ?? 0) + 1);
  return result;
}

async function applied(analysis: DocumentAnalysis, action: CodeAction, encoding: PositionEncoding): Promise<DocumentAnalysis> {
  const text = applyClientEdits(analysis.text, editsFor(action.edit, analysis.uri), encoding);
  assert.notEqual(text, analysis.text, `"${action.title}" changes nothing`);
  return analyse(text, { encoding });
}

/** The re-analysed text has one `code` finding fewer and no more of any other code. */
function assertResolved(before: DocumentAnalysis, after: DocumentAnalysis, code: string, label: string): void {
  const was = counts(before);
  const now = counts(after);
  assert.ok((now.get(code) ?? 0) < was.get(code)!, `${label}: ${code} is still there\n${after.text}`);
  for (const [other, n] of now) assert.ok(n <= (was.get(other) ?? 0), `${label}: adds ${other}\n${after.text}`);
  // It still parses into the same number of stages.
  assert.equal(after.result!.stages.length, before.result!.stages.length, `${label}: stages changed\n${after.text}`);
}

describe('lsp/features/code-actions', () => {
  before(initAnalyzerForTests);

  for (const name of FIXTURES) {
    for (const encoding of ['utf-16', 'utf-8'] as const) {
      it(`${name} (${encoding}): every quick fix and suppression resolves its finding`, async () => {
        const analysis = await analyse(fixture(name), { encoding });
        for (const diagnostic of provideDiagnostics(analysis)) {
          const actions = provideCodeActions(analysis, params(analysis, diagnostic, ['quickfix']), CAPS);
          const fixes = analysis.result!.findings.find(
            (f) => f.code === diagnostic.code && analysis.codec.spanToClient(f.span).start.line === diagnostic.range.start.line,
          )!.fixes;
          assert.equal(actions.length, fixes.length + 1, `${diagnostic.code}: one action per fix plus the suppression`);
          assert.ok(actions.every((a) => a.kind === 'quickfix' && a.diagnostics?.[0] === diagnostic));
          assert.ok(actions.filter((a) => a.isPreferred).length <= 1);
          for (const action of actions) {
            assertResolved(
              analysis,
              await applied(analysis, action, encoding),
              String(diagnostic.code),
              `${diagnostic.code} "${action.title}"`,
            );
          }
        }
      });
    }
  }

  it('fix-all applies every safe fix and leaves nothing safely fixable', async () => {
    for (const name of FIXTURES) {
      const { analysis, fixAll } = await analyseWithFixAll(fixture(name));
      const [action] = provideCodeActions(
        analysis,
        {
          textDocument: { uri: analysis.uri },
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          context: { diagnostics: [], only: ['source.fixAll'] },
        },
        CAPS,
        fixAll,
      );
      const fixable = analysis.result!.findings.some((f) => f.fixes.some((x) => x.safety === 'safe'));
      if (!fixable) {
        assert.equal(action, undefined, name);
        continue;
      }
      assert.equal(action.kind, 'source.fixAll.muslcheck');
      const after = await applied(analysis, action, 'utf-16');
      assert.ok(
        after.result!.findings.every((f) => !f.fixes.some((x) => x.safety === 'safe')),
        `${name}\n${after.text}`,
      );
      for (const [code, n] of counts(after)) assert.ok(n <= (counts(analysis).get(code) ?? 0), `${name}: adds ${code}`);
      // The same text as `muslcheck --fix`, in one edit covering only what changed.
      assert.equal(after.text, analyzeAndFix(analysis.text, toAnalyzeOptions(DEFAULT_SETTINGS), { unsafe: false }).text, name);
      assert.equal(editsFor(action.edit, analysis.uri).length, 1);
    }
    const { analysis: glibc, fixAll } = await analyseWithFixAll(fixture('glibc-install.Dockerfile'));
    const [all] = provideCodeActions(
      glibc,
      {
        textDocument: { uri: glibc.uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source'] },
      },
      CAPS,
      fixAll,
    );
    assert.deepEqual((await applied(glibc, all, 'utf-16')).result!.findings, []);
  });

  it('adds the code to the ignore pragma already above the instruction, before its reason', async () => {
    const analysis = await analyse(fixture('indented-pragma.Dockerfile'));
    const diagnostic = provideDiagnostics(analysis).find((d) => d.code === 'MC1004')!;
    const suppress = provideCodeActions(analysis, params(analysis, diagnostic), CAPS).find(
      (a) => a.title === 'Suppress MC1004 for this instruction',
    )!;
    const text = applyClientEdits(analysis.text, editsFor(suppress.edit, analysis.uri));
    assert.equal(text.split('\n')[1], '  # muslcheck ignore=MC1003,MC1004 # the key is mirrored internally');
  });

  it('inserts a new pragma at the instruction indentation, also above the first line', async () => {
    const top = await analyse(fixture('top-base-image.Dockerfile'));
    const [diagnostic] = provideDiagnostics(top);
    const suppress = provideCodeActions(top, params(top, diagnostic), CAPS).find((a) => a.title.startsWith('Suppress'))!;
    const text = applyClientEdits(top.text, editsFor(suppress.edit, top.uri));
    assert.equal(text, '# muslcheck ignore=MC1001\nFROM frolvlad/alpine-glibc:alpine-3.18\nRUN echo ready\n');
    assert.deepEqual((await analyse(text)).result!.findings, [], 'a pragma on the first line is read (not taken for a parser directive)');
    const directive = await analyse('# syntax=docker/dockerfile:1\nFROM frolvlad/alpine-glibc:alpine-3.18\n');
    const [directiveDiagnostic] = provideDiagnostics(directive);
    const afterDirective = provideCodeActions(directive, params(directive, directiveDiagnostic), CAPS).find((a) =>
      a.title.startsWith('Suppress'),
    )!;
    const directiveText = applyClientEdits(directive.text, editsFor(afterDirective.edit, directive.uri));
    assert.equal(directiveText, '# syntax=docker/dockerfile:1\n# muslcheck ignore=MC1001\nFROM frolvlad/alpine-glibc:alpine-3.18\n');
    assert.deepEqual((await analyse(directiveText)).result!.findings, []);
    const run = await analyse('FROM alpine:3.19\n    RUN apk add --allow-untrusted glibc-2.35-r1.apk\n');
    const runDiagnostic = provideDiagnostics(run).find((d) => d.code === 'MC1006')!;
    const runSuppress = provideCodeActions(run, params(run, runDiagnostic), CAPS).find((a) => a.title.startsWith('Suppress MC1006'))!;
    assert.equal(applyClientEdits(run.text, editsFor(runSuppress.edit, run.uri)).split('\n')[1], '    # muslcheck ignore=MC1006');
  });

  it('offers one shared fix once, for every diagnostic in the request', async () => {
    const analysis = await analyse(fixture('glibc-install.Dockerfile'));
    const diagnostics = provideDiagnostics(analysis).filter((d) => ['MC1003', 'MC1004', 'MC1006', 'MC1002'].includes(String(d.code)));
    const actions = provideCodeActions(
      analysis,
      {
        textDocument: { uri: analysis.uri },
        range: { start: { line: 5, character: 0 }, end: { line: 8, character: 0 } },
        context: { diagnostics, only: ['quickfix'] },
      },
      CAPS,
    );
    const gcompat = actions.filter((a) => a.title === 'Replace the glibc install with gcompat');
    assert.equal(gcompat.length, 1);
    assert.equal(gcompat[0].diagnostics!.length, 4);
  });

  it('matches diagnostics of an older version, or none at all, to the current findings', async () => {
    const old = await analyse(fixture('top-base-image.Dockerfile'), { version: 1 });
    const current = await analyse(fixture('top-base-image.Dockerfile'), { version: 7 });
    const [diagnostic] = provideDiagnostics(old);
    const actions = provideCodeActions(current, params(current, diagnostic), { documentChanges: true });
    const preferred = actions.find((a) => a.isPreferred)!;
    assert.deepEqual(preferred.edit!.documentChanges![0], {
      textDocument: { uri: current.uri, version: 7 },
      edits: [
        { range: { start: { line: 0, character: 5 }, end: { line: 0, character: 38 } }, newText: 'alpine:3.18' },
        { range: { start: { line: 0, character: 38 }, end: { line: 0, character: 38 } }, newText: '\nRUN apk add --no-cache gcompat' },
      ],
    });
    const noContext = provideCodeActions(
      current,
      {
        textDocument: { uri: current.uri },
        range: { start: { line: 0, character: 7 }, end: { line: 0, character: 7 } },
        context: { diagnostics: [] },
      },
      CAPS,
    );
    assert.deepEqual(
      noContext.map((a) => a.title),
      actions.map((a) => a.title),
    );
    // A diagnostic of another tool gets nothing from us on a line without findings.
    const other = {
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } },
      message: 'x',
      source: 'hadolint',
      code: 'DL3018',
    };
    assert.deepEqual(
      provideCodeActions(
        current,
        { textDocument: { uri: current.uri }, range: other.range, context: { diagnostics: [other], only: ['quickfix'] } },
        CAPS,
      ),
      [],
    );
  });
});
