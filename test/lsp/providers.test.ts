// Diagnostics, hover and inlay hints computed from one analysed document.
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-protocol';
import { provideDiagnostics, readDiagnosticData } from '../../server/src/lsp/features/diagnostics';
import { provideHover } from '../../server/src/lsp/features/hover';
import { provideInlayHints } from '../../server/src/lsp/features/inlay-hints';
import { readSettings } from '../../server/src/lsp/features/settings';
import { genericMeaning, renderExplanation, signaturesCaughtBy } from '../../server/src/knowledge/runtime-errors';
import { RULES_BY_CODE } from '../../server/src/rules/index';
import { docsUrl } from '../../server/src/rules/types';
import { analyse, fixture, initAnalyzerForTests } from './helpers';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

describe('lsp/features providers', () => {
  before(initAnalyzerForTests);

  describe('provideDiagnostics', () => {
    it('carries code, rule page, related location and the fixes as client edits', async () => {
      const analysis = await analyse(fixture('glibc-install.Dockerfile'), { version: 4 });
      const diagnostics = provideDiagnostics(analysis);
      const install = diagnostics.find((d) => d.code === 'MC1002')!;
      assert.equal(install.source, 'muslcheck');
      assert.equal(install.codeDescription!.href, docsUrl('MC1002'));
      assert.deepEqual(install.range, { start: { line: 7, character: 30 }, end: { line: 7, character: 56 } });
      assert.equal(install.relatedInformation![0].location.range.start.line, 5);
      const data = readDiagnosticData(install)!;
      assert.equal(data.version, 4);
      assert.deepEqual(
        data.fixes.map((f) => [f.title, f.preferred, f.safety]),
        [['Replace the glibc install with gcompat', true, 'safe']],
      );
      assert.deepEqual(data.suppress!.edits, [
        { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '# muslcheck ignore=MC1002\n' },
      ]);
      assert.equal(readDiagnosticData({ ...install, source: 'hadolint' }), null);
    });

    it('maps severities, including settings that change them', async () => {
      const { settings } = readSettings({ severity: { MC1001: 'info' } });
      const [info] = provideDiagnostics(await analyse(fixture('top-base-image.Dockerfile'), { settings }));
      assert.equal(info.severity, DiagnosticSeverity.Information);
      const { settings: error } = readSettings({ severity: { MC1001: 'error' } });
      assert.equal(
        provideDiagnostics(await analyse(fixture('top-base-image.Dockerfile'), { settings: error }))[0].severity,
        DiagnosticSeverity.Error,
      );
    });

    it('reports UTF-8 ranges for a UTF-8 client', async () => {
      const text = fixture('unicode.Dockerfile');
      const line = text.split('\n')[3];
      const [key] = provideDiagnostics(await analyse(text, { encoding: 'utf-8' }));
      const start = line.indexOf('https://alpine-pkgs');
      assert.equal(key.range.start.character, Buffer.byteLength(line.slice(0, start)));
      assert.equal(
        key.range.start.character - start,
        2 * (3 - 1) + (4 - 2),
        'two CJK characters (1 unit, 3 bytes) and an emoji (2 units, 4 bytes) before it',
      );
    });
  });

  describe('provideHover', () => {
    it('explains a finding: what, why, what to do, the rule page', async () => {
      const analysis = await analyse(fixture('glibc-install.Dockerfile'));
      const hover = provideHover(
        analysis,
        { textDocument: { uri: analysis.uri }, position: { line: 6, character: 20 } },
        { hoverMarkdown: true },
      )!;
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /^\*\*MC1004\*\* `glibc-apk-download` \(warning\)\n\nFetches glibc apks/);
      assert.match(value, /\*\*Why:\*\* /);
      assert.match(
        value,
        /\*\*What to do:\*\* apply a quick fix: Replace the glibc install with gcompat\. If it is intended, add `# muslcheck ignore=MC1004`/,
      );
      assert.ok(value.endsWith(`[MC1004 documentation](${docsUrl('MC1004')})`));
      assert.equal(
        provideHover(analysis, { textDocument: { uri: analysis.uri }, position: { line: 9, character: 3 } }, { hoverMarkdown: true }),
        null,
      );
    });

    it('shows how the finding fails at run time, in the words of muslcheck explain', async () => {
      const analysis = await analyse('FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=build /app /app\n');
      const hover = provideHover(
        analysis,
        { textDocument: { uri: analysis.uri }, position: { line: 3, character: 14 } },
        { hoverMarkdown: true },
      )!;
      const value = (hover.contents as MarkupContent).value;
      assert.match(value, /^\*\*MC2001\*\*/);
      const markdown = { bold: (t: string) => `**${t}**`, code: (t: string) => `\`${t}\`` };
      const label = (code: string): string => `${code} ${RULES_BY_CODE.get(code)!.meta.slug}`;
      for (const signature of signaturesCaughtBy('MC2001')) {
        assert.ok(value.includes(renderExplanation(signature, genericMeaning(signature), markdown, label)), signature.id);
      }
      assert.deepEqual(
        signaturesCaughtBy('MC2001').map((s) => s.id),
        ['symbol-not-found', 'interpreter-missing'],
      );
      assert.match(value, /\*\*Error:\*\* Error relocating: symbol not found\n\*\*What it means:\*\* the program is linked against glibc/);
    });

    it('shows the resolved image and libc of a FROM line, and marks unsafe fixes', async () => {
      const analysis = await analyse(fixture('glibc-install.Dockerfile'));
      const base = provideHover(
        analysis,
        { textDocument: { uri: analysis.uri }, position: { line: 11, character: 2 } },
        { hoverMarkdown: false },
      )!;
      const value = (base.contents as MarkupContent).value;
      assert.equal((base.contents as MarkupContent).kind, 'plaintext');
      assert.match(value, /Stage 1 runtime: frolvlad\/alpine-glibc:alpine-3\.18\n\nC library: glibc on musl!/);
      assert.match(value, /Because: frolvlad\/alpine-glibc:alpine-3\.18: alpine-glibc image/);
      assert.doesNotMatch(value, /Carries:/, 'plain glibc carries no runtime');
      const java = await analyse('FROM anapsix/alpine-java:8_jdk\n');
      const onJava = provideHover(
        java,
        { textDocument: { uri: java.uri }, position: { line: 0, character: 1 } },
        { hoverMarkdown: false },
      )!;
      assert.match((onJava.contents as MarkupContent).value, /Carries: Oracle Java 8 JDK$/m);
      const onImage = provideHover(
        analysis,
        { textDocument: { uri: analysis.uri }, position: { line: 11, character: 10 } },
        { hoverMarkdown: true },
      )!;
      assert.match(
        (onImage.contents as MarkupContent).value,
        /Use debian:13-slim \(glibc, with apt\) \(review the change\)[\s\S]*---\n\n\*\*Stage 1\*\*/,
      );
    });
  });

  describe('provideInlayHints', () => {
    it('labels each FROM with its libc, right after the image', async () => {
      const analysis = await analyse(
        'ARG BASE\nFROM golang:1.22 AS build\nFROM scratch\nFROM ${BASE}\nFROM build\nFROM alpine:3.20 AS final\nFROM frolvlad/alpine-glibc\n',
      );
      const hints = provideInlayHints(analysis, { textDocument: { uri: analysis.uri }, range: WHOLE });
      assert.deepEqual(
        hints.map((h) => [h.position.line, h.position.character, h.label]),
        [
          [1, 16, 'glibc'],
          [2, 12, 'none'],
          [3, 12, 'unknown'],
          [4, 10, 'glibc'],
          [5, 16, 'musl'],
          [6, 26, 'glibc on musl!'],
        ],
      );
      assert.ok(hints.every((h) => h.paddingLeft && typeof h.tooltip === 'string'));
      const some = provideInlayHints(analysis, {
        textDocument: { uri: analysis.uri },
        range: { start: { line: 2, character: 0 }, end: { line: 3, character: 99 } },
      });
      assert.deepEqual(
        some.map((h) => h.label),
        ['none', 'unknown'],
      );
    });

    it('gives nothing for a document that is not checked', async () => {
      const analysis = await analyse('FROM alpine\n', { uri: 'file:///p/notes.txt', languageId: 'plaintext' });
      assert.deepEqual(provideInlayHints(analysis, { textDocument: { uri: analysis.uri }, range: WHOLE }), []);
      assert.equal(
        provideHover(analysis, { textDocument: { uri: analysis.uri }, position: { line: 0, character: 1 } }, { hoverMarkdown: true }),
        null,
      );
      assert.deepEqual(provideDiagnostics(analysis), []);
    });
  });
});
