// Findings as LSP diagnostics. Each diagnostic carries, in `data`, the ready-made edits of
// its fixes and of its suppression, so code actions use exactly what the rule produced
// instead of recomputing it by code.
import { DiagnosticSeverity, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Edit, FixSafety } from '../../fixes/types';
import type { Severity } from '../../rules/types';
import { docsUrl } from '../../rules/types';
import type { DocumentAnalysis } from '../analysis/document-analysis';
import type { FindingSummary } from '../analysis/summary';
import type { PositionCodec } from '../position-encoding';

/** The `source` of every muslcheck diagnostic. */
export const DIAGNOSTIC_SOURCE = 'muslcheck';

/** One fix of a diagnostic, as client-side text edits. */
export interface DiagnosticFix {
  title: string;
  preferred: boolean;
  safety: FixSafety;
  edits: TextEdit[];
}

/** What a muslcheck diagnostic carries for code actions. */
export interface DiagnosticData {
  /** The document version the edits apply to. */
  version: number;
  fixes: DiagnosticFix[];
  suppress: { title: string; edits: TextEdit[] } | null;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

/**
 * The diagnostics of an analysed document (unreadable pragmas are findings too, MC0001),
 * plus one on the first line when the document was too large to analyze or a rule failed,
 * so an incomplete check never looks like a clean one.
 */
export function provideDiagnostics(analysis: DocumentAnalysis): Diagnostic[] {
  const result = analysis.result;
  if (!result) return [];
  const diagnostics = result.findings.map((finding) => findingDiagnostic(analysis, finding));
  const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (result.limit) {
    diagnostics.push({
      range: top,
      severity: DiagnosticSeverity.Information,
      source: DIAGNOSTIC_SOURCE,
      message: `Not analyzed: ${result.limit}.`,
    });
  }
  for (const error of result.internalErrors) {
    diagnostics.push({
      range: top,
      severity: DiagnosticSeverity.Warning,
      source: DIAGNOSTIC_SOURCE,
      message: `Internal error in ${error.code}; its findings are missing. Please report it: ${error.message}`,
    });
  }
  return diagnostics;
}

/** The diagnostic of one finding. */
export function findingDiagnostic(analysis: DocumentAnalysis, finding: FindingSummary): Diagnostic {
  const { codec } = analysis;
  const { suppress } = finding;
  const data: DiagnosticData = {
    version: analysis.version,
    fixes: finding.fixes.map((fix) => ({
      title: fix.title,
      preferred: fix.preferred,
      safety: fix.safety,
      edits: toTextEdits(codec, fix.edits),
    })),
    suppress: suppress ? { title: suppress.title, edits: toTextEdits(codec, [suppress.edit]) } : null,
  };
  const diagnostic: Diagnostic = {
    range: codec.spanToClient(finding.span),
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
    data,
  };
  if (finding.related.length) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: analysis.uri, range: codec.spanToClient(related.span) },
      message: related.message,
    }));
  }
  return diagnostic;
}

/** Reads the data of a muslcheck diagnostic back; null for anything else. */
export function readDiagnosticData(diagnostic: Diagnostic): DiagnosticData | null {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return null;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return null;
  return { version: data.version, fixes: data.fixes, suppress: data.suppress ?? null };
}

/** Client text edits for analyzer edits. */
function toTextEdits(codec: PositionCodec, edits: readonly Edit[]): TextEdit[] {
  return edits.map((edit) => ({ range: codec.spanToClient(edit.span), newText: edit.newText }));
}
