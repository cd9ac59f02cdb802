// Code actions: each fix of a finding as a quick fix, a suppression per finding, and one
// source-level fix-all. Quick fixes come from the diagnostic's `data`; a diagnostic from an
// older version (or a client that drops `data`) is matched to the current findings instead.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { analyzeAndFix } from '../../analyze';
import type { ClientFeatures } from '../capabilities';
import type { DocumentAnalysis } from '../documents';
import { DIAGNOSTIC_SOURCE, findingDiagnostic, readDiagnosticData, type DiagnosticData } from './diagnostics';

/** The kind of the fix-all action, under the standard `source.fixAll`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.muslcheck`;

/** The kinds of action the server offers. */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];

const fixAllCache = new WeakMap<DocumentAnalysis, TextEdit | null>();

/** The code actions for a range of an analysed document. */
export function provideCodeActions(
  analysis: DocumentAnalysis,
  params: CodeActionParams,
  caps: Pick<ClientFeatures, 'documentChanges'>,
): CodeAction[] {
  if (!analysis.result) return [];
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    const byEdit = new Map<string, CodeAction>();
    for (const { diagnostic, data } of diagnosticsInScope(analysis, params)) {
      const offers = [
        ...data.fixes.map((fix) => ({ title: fix.title, edits: fix.edits, preferred: fix.preferred })),
        ...(data.suppress ? [{ title: data.suppress.title, edits: data.suppress.edits, preferred: false }] : []),
      ];
      for (const offer of offers) {
        // Several findings often share one fix (the whole glibc install): offer it once.
        const key = `${offer.title}\0${JSON.stringify(offer.edits)}`;
        const existing = byEdit.get(key);
        if (existing) {
          existing.diagnostics!.push(diagnostic);
          continue;
        }
        const action: CodeAction = {
          title: offer.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit(analysis, offer.edits, caps),
        };
        if (offer.preferred) action.isPreferred = true;
        byEdit.set(key, action);
        actions.push(action);
      }
    }
  }

  if (wants(FIX_ALL_KIND)) {
    const edit = fixAllEdit(analysis);
    if (edit)
      actions.push({ title: 'Fix all safely fixable muslcheck problems', kind: FIX_ALL_KIND, edit: workspaceEdit(analysis, [edit], caps) });
  }
  return actions;
}

/**
 * The single edit that applies every safe fix, as `muslcheck --fix` would (the same loop,
 * re-analysing between passes so fixes that overlapped an earlier one still get their
 * turn); null when there is nothing to fix.
 */
export function fixAllEdit(analysis: DocumentAnalysis): TextEdit | null {
  if (fixAllCache.has(analysis)) return fixAllCache.get(analysis)!;
  let edit: TextEdit | null = null;
  if (analysis.result) {
    const { text } = analyzeAndFix(analysis.text, analysis.options, { unsafe: false, analysis: analysis.result });
    edit = text === analysis.text ? null : minimalEdit(analysis, text);
  }
  fixAllCache.set(analysis, edit);
  return edit;
}

/** The muslcheck diagnostics an action request is about, each with current data. */
function diagnosticsInScope(analysis: DocumentAnalysis, params: CodeActionParams): { diagnostic: Diagnostic; data: DiagnosticData }[] {
  const result = analysis.result!;
  const fromClient = params.context.diagnostics.filter(isOurs);
  if (!fromClient.length) {
    // No diagnostics in the context (some clients send none): act on findings in the range.
    const span = analysis.codec.rangeToSpan(params.range);
    return result.findings
      .filter((f) => f.span.start <= span.end && span.start <= f.span.end)
      .map((f) => withData(findingDiagnostic(analysis, f)));
  }
  const scoped: { diagnostic: Diagnostic; data: DiagnosticData }[] = [];
  for (const diagnostic of fromClient) {
    const data = readDiagnosticData(diagnostic);
    if (data && data.version === analysis.version) {
      scoped.push({ diagnostic, data });
      continue;
    }
    const finding = result.findings.find(
      (f) => f.code === diagnostic.code && sameRange(analysis.codec.spanToClient(f.span), diagnostic.range),
    );
    if (finding) scoped.push(withData(findingDiagnostic(analysis, finding)));
  }
  return scoped;
}

/** A muslcheck finding's diagnostic (unreadable-pragma diagnostics have no code and no fix). */
function isOurs(diagnostic: Diagnostic): boolean {
  return diagnostic.source === DIAGNOSTIC_SOURCE && typeof diagnostic.code === 'string';
}

function withData(diagnostic: Diagnostic): { diagnostic: Diagnostic; data: DiagnosticData } {
  return { diagnostic, data: diagnostic.data as DiagnosticData };
}

function sameRange(a: Range, b: Range): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** One edit replacing only what differs between the document and `text`. */
function minimalEdit(analysis: DocumentAnalysis, text: string): TextEdit {
  const before = analysis.text;
  let start = 0;
  while (start < before.length && start < text.length && before.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < before.length - start &&
    end < text.length - start &&
    before.charCodeAt(before.length - 1 - end) === text.charCodeAt(text.length - 1 - end)
  )
    end++;
  // Never cut a surrogate pair in two: a UTF-8 client could not express that position.
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(before.charCodeAt(before.length - end))) end--;
  return {
    range: analysis.codec.spanToClient({ start, end: before.length - end }),
    newText: text.slice(start, text.length - end),
  };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** A workspace edit on the document, versioned when the client can check versions. */
function workspaceEdit(analysis: DocumentAnalysis, edits: TextEdit[], caps: Pick<ClientFeatures, 'documentChanges'>): WorkspaceEdit {
  if (caps.documentChanges) return { documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits }] };
  return { changes: { [analysis.uri]: edits } };
}
