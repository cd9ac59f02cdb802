// The edit behind "Suppress CODE for this instruction": a `# muslcheck ignore=CODE` line
// directly above the instruction, at its indentation, or the code added to the ignore
// pragma already there.
import type { AnalysisResult } from '../../analyze';
import type { Edit } from '../../fixes/types';
import type { ParsedInstruction } from '../../parse/dockerfile';
import { dominantEol } from '../../parse/text';
import type { Finding } from '../../rules/types';

/** An edit that silences one finding, with its title. */
export interface SuppressEdit {
  title: string;
  edit: Edit;
}

const CODE = /[A-Za-z]{2}\d{4}/g;

/** The edit that suppresses `finding`, or null when it sits outside any instruction. */
export function suppressEdit(result: AnalysisResult, finding: Finding): SuppressEdit | null {
  const instruction = instructionOf(result, finding);
  if (!instruction) return null;
  const title = `Suppress ${finding.code} for this instruction`;
  const merged = mergeIntoPragma(result, instruction, finding.code);
  if (merged) return { title, edit: merged };

  const parsed = result.model.parsed;
  const lines = parsed.lines;
  const line = lines.positionAt(instruction.span.start).line;
  const lineStart = lines.lineStarts[line];
  const indent = /^[ \t]*/.exec(parsed.text.slice(lineStart, instruction.span.start))![0];
  const eol = dominantEol(parsed.text);
  return { title, edit: { span: { start: lineStart, end: lineStart }, newText: `${indent}# muslcheck ignore=${finding.code}${eol}` } };
}

/** The top-level instruction a finding is in (an ONBUILD trigger's pragma goes above the ONBUILD). */
function instructionOf(result: AnalysisResult, finding: Finding): ParsedInstruction | undefined {
  return result.model.parsed.instructions.find((i) => !i.onbuild && i.span.start <= finding.span.start && finding.span.start <= i.span.end);
}

function mergeIntoPragma(result: AnalysisResult, instruction: ParsedInstruction, code: string): Edit | null {
  const pragma = result.pragmas.find((p) => p.scope === 'instruction' && p.target === instruction);
  if (!pragma) return null;
  const text = result.model.parsed.text.slice(pragma.span.start, pragma.span.end);
  const first = text.indexOf('#');
  const reasonAt = text.indexOf('#', first + 1);
  const head = reasonAt < 0 ? text : text.slice(0, reasonAt);
  let end = -1;
  for (const match of head.matchAll(CODE)) end = match.index + match[0].length;
  if (end < 0) return null;
  const at = pragma.span.start + end;
  return { span: { start: at, end: at }, newText: `,${code}` };
}
