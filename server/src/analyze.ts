// The analyzer's one entry point: Dockerfile text and options in, findings and the stage
// model out. Pure: no file system, no process, no network; the CLI and the language
// server do their I/O around it.
import { readPragmas, type Pragma, type PragmaProblem } from './config/pragmas';
import type { AnalyzeOptions } from './config/types';
import { buildModel, stageOf, type DockerfileModel, type Stage } from './model/model';
import type { ParsedInstruction } from './parse/dockerfile';
import { parseDockerfile, unparsedDockerfile } from './parse/dockerfile';
import { LineIndex } from './parse/text';
import { initShellParser, isShellParserReady, type ShellParserInit } from './parse/shell';
import { RULES, RULES_BY_CODE } from './rules/index';
import type { Finding, Report, Rule } from './rules/types';

export type { AnalyzeOptions } from './config/types';

/** A finding that a pragma silenced, with the pragma that did it. */
export interface SuppressedFinding {
  finding: Finding;
  pragma: Pragma;
}

/** A rule that threw instead of reporting: a bug in muslcheck, never in the input. */
export interface InternalError {
  code: string;
  message: string;
}

/** Everything one analysis produced. */
export interface AnalysisResult {
  findings: Finding[];
  /**
   * Rules that crashed on this input. Their findings are missing; the other rules still ran,
   * so one bug does not blank a whole document. Callers should surface these.
   */
  internalErrors: InternalError[];
  model: DockerfileModel;
  suppressed: SuppressedFinding[];
  pragmas: Pragma[];
  /** `# muslcheck` comments that could not be read. */
  pragmaProblems: PragmaProblem[];
  /**
   * Set when the document is beyond a size limit (MAX_LINE_LENGTH, MAX_INSTRUCTIONS): then
   * nothing was analyzed, there are no findings, and this says which limit and by how much.
   */
  limit: string | null;
}

/**
 * Longest line analyzed, in UTF-16 code units. Dockerfiles have short lines; a longer one is
 * generated or hostile, and parsing such lines costs far more than their size.
 */
export const MAX_LINE_LENGTH = 32 * 1024;

/** Most instructions analyzed in one document (Docker itself stops at 127 layers per image). */
export const MAX_INSTRUCTIONS = 10_000;

/** Loads the shell grammar. Call once before `analyze`; later calls return at once. */
export async function initAnalyzer(init: ShellParserInit): Promise<void> {
  await initShellParser(init);
}

/** True once the analyzer can run. */
export function isAnalyzerReady(): boolean {
  return isShellParserReady();
}

/** Analyzes one Dockerfile. Never throws for any input text. */
export function analyze(text: string, options: AnalyzeOptions = {}): AnalysisResult {
  const lines = new LineIndex(text);
  const longLine = findLongLine(lines, MAX_LINE_LENGTH);
  const parsed = longLine ? null : parseDockerfile(text, options.cache, lines);
  const limit = longLine
    ? `line ${longLine.line + 1} is ${longLine.length} characters long; muslcheck analyzes lines of at most ${MAX_LINE_LENGTH} characters`
    : parsed!.instructions.length > MAX_INSTRUCTIONS
      ? `the document has ${parsed!.instructions.length} instructions; muslcheck analyzes at most ${MAX_INSTRUCTIONS}`
      : null;
  if (!parsed || limit) {
    const model = buildModel(unparsedDockerfile(text), options);
    return { findings: [], internalErrors: [], model, suppressed: [], pragmas: [], pragmaProblems: [], limit };
  }
  const model = buildModel(parsed, options);
  const rules = selectRules(options);
  const raw: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const locate = instructionLocator(model);
  for (const rule of rules) {
    try {
      runRule(rule, model, raw, options, locate);
    } catch (error) {
      internalErrors.push({ code: rule.meta.code, message: error instanceof Error ? error.message : String(error) });
    }
  }
  raw.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));

  const { pragmas, problems } = readPragmas(parsed, new Set(RULES_BY_CODE.keys()));
  const usePragmas = options.pragmas !== false;
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of raw) {
    const pragma = usePragmas ? suppressingPragma(finding, pragmas, model) : undefined;
    if (pragma) suppressed.push({ finding, pragma });
    else findings.push(finding);
  }
  if (usePragmas) {
    findings.push(...pragmaFindings(model, problems, pragmas, suppressed, rules, options));
    findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  }
  return {
    findings,
    internalErrors,
    model,
    suppressed,
    pragmas: usePragmas ? pragmas : [],
    pragmaProblems: usePragmas ? problems : [],
    limit: null,
  };
}

/** The first line longer than `max` (0-based line number and its length), or null. */
function findLongLine(lines: LineIndex, max: number): { line: number; length: number } | null {
  for (let line = 0; line < lines.lineCount; line++) {
    const length = lines.lineEnd(line) - lines.lineStarts[line];
    if (length > max) return { line, length };
  }
  return null;
}

function selectRules(options: AnalyzeOptions): Rule[] {
  return RULES.filter(
    (rule) => !(options.ignored ?? []).includes(rule.meta.code) && (!options.only || options.only.includes(rule.meta.code)),
  );
}

/** The instruction (outermost, so an ONBUILD rather than its trigger) around a span, and its stage. */
type InstructionLocator = (span: { start: number; end: number }) => { instruction: ParsedInstruction; stage: Stage | null } | null;

/**
 * Looks instructions up by binary search, and their stage by the FROM before them, so
 * attributing findings costs O(log n) each instead of a scan (50,000 findings over 50,000
 * instructions). Built on the first finding: most analyses of an edit find little.
 */
function instructionLocator(model: DockerfileModel): InstructionLocator {
  let outer: ParsedInstruction[] | null = null;
  const last = <T>(items: readonly T[], startOf: (item: T) => number, offset: number): T | undefined => {
    let low = 0;
    let high = items.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (startOf(items[middle]) <= offset) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return found >= 0 ? items[found] : undefined;
  };
  return (span) => {
    outer ??= model.parsed.instructions.filter((i) => !i.onbuild);
    const instruction = last(outer, (i) => i.span.start, span.start);
    if (!instruction || span.end > instruction.span.end) return null;
    // Stages cover the document from their FROM to the next one; before the first is the preamble.
    return { instruction, stage: last(model.stages, (s) => s.from.span.start, instruction.span.start) ?? null };
  };
}

function runRule(rule: Rule, model: DockerfileModel, into: Finding[], options: AnalyzeOptions, locate: InstructionLocator): void {
  const seen = new Set<string>();
  const lines = model.parsed.lines;
  const severity = options.severities?.[rule.meta.code] ?? rule.meta.severity;
  rule.check({
    model,
    report(report: Report) {
      // One finding per code and range, however many facts point at it.
      const key = `${report.span.start}:${report.span.end}`;
      if (seen.has(key)) return;
      seen.add(key);
      const stage = locate(report.span)?.stage;
      into.push({
        code: rule.meta.code,
        rule: rule.meta.slug,
        severity,
        message: report.message,
        span: report.span,
        range: lines.rangeOf(report.span),
        related: (report.related ?? []).map((r) => ({ ...r, range: lines.rangeOf(r.span) })),
        fixes: report.fixes ?? [],
        stage: stage?.index ?? null,
      });
    },
  });
}

/** MC0001 for pragmas that could not be read; MC0002, on request, for codes that suppressed nothing. */
function pragmaFindings(
  model: DockerfileModel,
  problems: readonly PragmaProblem[],
  pragmas: readonly Pragma[],
  suppressed: readonly SuppressedFinding[],
  ran: readonly Rule[],
  options: AnalyzeOptions,
): Finding[] {
  const out: Finding[] = [];
  const invalid = ran.find((r) => r.meta.code === 'MC0001');
  if (invalid) for (const problem of problems) out.push(pragmaFinding(model, invalid, problem.span, problem.message, null, options));
  const unused = options.reportUnusedPragmas ? ran.find((r) => r.meta.code === 'MC0002') : undefined;
  if (!unused) return out;
  for (const pragma of pragmas) {
    for (const code of pragma.codes) {
      // A code whose rule did not run (unknown, ignored, not selected) cannot be judged.
      if (!ran.some((r) => r.meta.code === code)) continue;
      if (suppressed.some((s) => s.pragma === pragma && s.finding.code === code)) continue;
      const where = pragma.scope === 'global' ? 'in this file' : pragma.scope === 'stage' ? 'in this stage' : 'on the instruction below';
      const message = `\`# muslcheck ${pragma.scope === 'instruction' ? '' : `${pragma.scope} `}ignore=${code}\` suppresses nothing: no ${code} finding ${where}. Remove ${code} from the pragma.`;
      out.push(pragmaFinding(model, unused, pragma.span, message, pragma.target, options));
    }
  }
  return out;
}

function pragmaFinding(
  model: DockerfileModel,
  rule: Rule,
  span: Finding['span'],
  message: string,
  target: Pragma['target'],
  options: AnalyzeOptions,
): Finding {
  const stage = target ? stageOf(model, target) : null;
  return {
    code: rule.meta.code,
    rule: rule.meta.slug,
    severity: options.severities?.[rule.meta.code] ?? rule.meta.severity,
    message,
    span,
    range: model.parsed.lines.rangeOf(span),
    related: [],
    fixes: [],
    stage: stage?.index ?? null,
  };
}

function suppressingPragma(finding: Finding, pragmas: readonly Pragma[], model: DockerfileModel): Pragma | undefined {
  return pragmas.find((pragma) => {
    if (!pragma.codes.includes(finding.code)) return false;
    if (pragma.scope === 'global') return true;
    if (pragma.scope === 'stage') return finding.stage !== null && model.stages[finding.stage]?.from === pragma.target;
    const target = pragma.target!;
    return target.span.start <= finding.span.start && finding.span.start < target.span.end;
  });
}
