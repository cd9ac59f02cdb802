// The analyzer's one entry point: Dockerfile text and options in, findings and the stage
// model out. Pure: no file system, no process, no network; the CLI and the language
// server do their I/O around it.
import type { AnalyzeOptions } from './config/types';
import { fixAll, type FixAllInput, type FixAllResult } from './fixes/fix-all';
import { buildModel, type DockerfileModel, type Stage } from './model/model';
import type { ParsedInstruction } from './parse/dockerfile';
import { parseDockerfile, unparsedDockerfile } from './parse/dockerfile';
import { LineIndex } from './parse/text';
import { initShellParser, isShellParserReady, type ShellParserInit } from './parse/shell';
import { RULES, RULES_BY_CODE } from './rules/index';
import {
  applyPragmas,
  NO_PRAGMAS,
  readPragmas,
  type Pragma,
  type PragmaProblem,
  type SuppressedFinding as Suppressed,
} from './rules/pragmas';
import type { Finding, Report, Rule, RuleContext } from './rules/types';

export type { Pragma, PragmaProblem };

export type { AnalyzeOptions } from './config/types';

/** A finding that a pragma silenced, with the pragma that did it. */
export type SuppressedFinding = Suppressed<Finding>;

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
  const internalErrors: InternalError[] = [];
  const locate = instructionLocator(model);
  const run = (rule: Rule, into: Finding[], check: (report: RuleContext['report']) => void): void => {
    try {
      check(reporter(rule, into, options, locate, model));
    } catch (error) {
      internalErrors.push({ code: rule.meta.code, message: error instanceof Error ? error.message : String(error) });
    }
  };
  const raw: Finding[] = [];
  for (const rule of rules) if (rule.phase === undefined) run(rule, raw, (report) => rule.check({ model, report }));
  for (const rule of rules) if (rule.phase === 'last') run(rule, raw, (report) => rule.check({ model, report }));
  raw.sort(byPosition);

  const usePragmas = options.pragmas !== false;
  const pragmas = usePragmas ? readPragmas(parsed, new Set(RULES_BY_CODE.keys())) : NO_PRAGMAS;
  const { kept: findings, suppressed } = applyPragmas(
    raw,
    pragmas.pragmas,
    model.stages.map((s) => s.from),
  );
  if (usePragmas) {
    // Rules about the pragmas themselves see what was silenced, and cannot be silenced.
    const ran = new Set(rules.map((r) => r.meta.code));
    for (const rule of rules) {
      if (rule.phase === 'pragmas') run(rule, findings, (report) => rule.check({ model, report, pragmas, suppressed, ran }));
    }
    findings.sort(byPosition);
  }
  return { findings, internalErrors, model, suppressed, pragmas: pragmas.pragmas, pragmaProblems: pragmas.problems, limit: null };
}

function byPosition(a: Finding, b: Finding): number {
  return a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code);
}

/** How `analyzeAndFix` fixes: which fixes it may apply, and an optional look at each pass. */
export type FixOptions = Pick<FixAllInput<AnalysisResult>, 'unsafe' | 'maxPasses' | 'onPass' | 'analysis'>;

/**
 * Fixes a Dockerfile until stable (fixes/fix-all.ts), analysing with `options` between
 * passes. The CLI's --fix, the editor's fix-all and the tests all fix through here.
 */
export function analyzeAndFix(text: string, options: AnalyzeOptions, fix: FixOptions): FixAllResult<AnalysisResult> {
  return fixAll(text, { ...fix, analyze: (t) => analyze(t, options), fixesOf: (result) => result.findings.map((f) => f.fixes) });
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
    (rule) =>
      !(options.ignored ?? []).includes(rule.meta.code) &&
      (!options.only || options.only.includes(rule.meta.code)) &&
      (!rule.meta.enabledBy || options[rule.meta.enabledBy] === true),
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

/** The `report` of a rule's context: turns its reports into findings in `into`. */
function reporter(
  rule: Rule,
  into: Finding[],
  options: AnalyzeOptions,
  locate: InstructionLocator,
  model: DockerfileModel,
): RuleContext['report'] {
  const seen = new Set<string>();
  const lines = model.parsed.lines;
  const severity = options.severities?.[rule.meta.code] ?? rule.meta.severity;
  return (report: Report): void => {
    // One finding per code and range, however many facts point at it; a pragma rule
    // reports each pragma code once, several on the same comment.
    const key = `${report.span.start}:${report.span.end}`;
    if (rule.phase !== 'pragmas' && seen.has(key)) return;
    seen.add(key);
    const stage = report.about ? locate(report.about.span)?.stage : locate(report.span)?.stage;
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
  };
}
