// Code actions: each fix of a finding as a quick fix, a suppression per finding, and one
// source-level fix-all (its edit is computed where the analyses run: analysis/fix-all.ts).
// Quick fixes come from the diagnostic's `data`; a diagnostic from an older version (or a
// client that drops `data`) is matched to the current findings instead.
import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ClientFeatures } from '../capabilities';
import type { DocumentAnalysis } from '../analysis/document-analysis';
import { DIAGNOSTIC_SOURCE, findingDiagnostic, readDiagnosticData, type DiagnosticData } from './diagnostics';

/** The kind of the fix-all action, under the standard `source.fixAll`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.muslcheck`;

/** The kinds of action the server offers. */
export const CODE_ACTION_KINDS: readonly string[] = [CodeActionKind.QuickFix, FIX_ALL_KIND];

/** True when a code action request asks for actions of `kind`: by name, by a parent kind, or by asking for all. */
export function asksFor(params: CodeActionParams, kind: string): boolean {
  const only = params.context.only;
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/**
 * The code actions for a range of an analysed document. `fixAll` is the edit that applies
 * every safe fix (computed where the analyses run), null when there is none.
 */
export function provideCodeActions(
  analysis: DocumentAnalysis,
  params: CodeActionParams,
  caps: Pick<ClientFeatures, 'documentChanges'>,
  fixAll: TextEdit | null = null,
): CodeAction[] {
  if (!analysis.result) return [];
  const wants = (kind: string): boolean => asksFor(params, kind);
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

  if (fixAll && wants(FIX_ALL_KIND)) {
    actions.push({ title: 'Fix all safely fixable muslcheck problems', kind: FIX_ALL_KIND, edit: workspaceEdit(analysis, [fixAll], caps) });
  }
  return actions;
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

/** A workspace edit on the document, versioned when the client can check versions. */
function workspaceEdit(analysis: DocumentAnalysis, edits: TextEdit[], caps: Pick<ClientFeatures, 'documentChanges'>): WorkspaceEdit {
  if (caps.documentChanges) return { documentChanges: [{ textDocument: { uri: analysis.uri, version: analysis.version }, edits }] };
  return { changes: { [analysis.uri]: edits } };
}
