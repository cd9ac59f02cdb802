// Every word of a stage in one stream: shell words of RUN commands, ARG/ENV values and
// COPY/ADD arguments, for rules that look for a signature wherever it is written.
import type { ParsedInstruction } from '../parse/dockerfile';
import type { ShellCommand, ShellWord } from '../parse/shell';
import { shellPayload, type RunCommands } from '../parse/run-commands';
import type { Span } from '../parse/text';
import type { DockerfileModel, Stage } from './model';
import { memoisedByObject } from './memo';
import { substituteAt, type VariableScope } from './variables';

/** A word and where it comes from. */
export interface LocatedWord {
  readonly word: ShellWord;
  readonly instruction: ParsedInstruction;
  /** The shell command, for words of RUN. */
  readonly command: ShellCommand | null;
  readonly run: RunCommands | null;
  /** The ARG/ENV variable a value is assigned to (also shell assignments). */
  readonly variable: string | null;
}

/**
 * The words of a RUN's commands: names, arguments, assignment values and redirect targets.
 * Kept per RunCommands, which a ParseCache carries over between analyses of an edited document.
 */
export const runWords: (run: RunCommands) => readonly LocatedWord[] = memoisedByObject(collectRunWords);

function collectRunWords(run: RunCommands): LocatedWord[] {
  // A plain loop with object literals: this runs for every word of every stage, and
  // generator frames and object spreads made it the analyzer's hottest function.
  const words: LocatedWord[] = [];
  const instruction = run.instruction;
  for (const command of run.commands) {
    if (command.name) words.push({ word: command.name, instruction, command, run, variable: null });
    const payload = shellPayload(command);
    // A `sh -c` payload is read again as a script (parse/run-commands.ts): its own commands
    // carry its words, so the whole string would only repeat them.
    for (const word of command.args) if (word !== payload) words.push({ word, instruction, command, run, variable: null });
    for (const assignment of command.assignments) {
      if (assignment.value) words.push({ word: assignment.value, instruction, command, run, variable: assignment.name });
    }
    for (const redirect of command.redirects) {
      if (redirect.target) words.push({ word: redirect.target, instruction, command, run, variable: null });
    }
  }
  return words;
}

/** Values of ARG and ENV properties as words. */
function* propertyWords(model: DockerfileModel, instruction: ParsedInstruction, scope: VariableScope): Generator<LocatedWord> {
  for (const property of instruction.properties) {
    if (!property.valueSpan || property.value === null) continue;
    const raw = model.parsed.text.slice(property.valueSpan.start, property.valueSpan.end);
    const value = substituteAt(
      property.value,
      scope,
      model.parsed.escapeChar,
      model.expansion,
      property.valueSpan,
      `The value of \`${property.name}\``,
    );
    const word: ShellWord = { value: value.value, raw, span: property.valueSpan, dynamic: value.unresolved.length > 0, quoted: false };
    yield { word, instruction, command: null, run: null, variable: property.name };
  }
}

/** What a COPY or ADD reads and writes. */
export interface CopyOperands {
  sources: LocatedWord[];
  destination: LocatedWord | null;
  /** Here-documents used as sources (`COPY <<EOF /dest`). */
  heredocs: { name: string; text: string; span: Span }[];
  /** The words of those here-documents' bodies. */
  bodyWords: LocatedWord[];
}

/**
 * The operands of COPY and ADD, flags excluded: in the JSON form, the strings of the array;
 * with here-documents, the words on the instruction line, the bodies kept apart.
 */
export function copyOperands(model: DockerfileModel, instruction: ParsedInstruction, scope: VariableScope): CopyOperands {
  const text = model.parsed.text;
  const toWord = (value: string, span: Span): LocatedWord => {
    const resolved = substituteAt(value, scope, model.parsed.escapeChar, model.expansion, span, 'This argument');
    const raw = text.slice(span.start, span.end);
    return {
      word: { value: resolved.value, raw, span, dynamic: resolved.unresolved.length > 0, quoted: false },
      instruction,
      command: null,
      run: null,
      variable: null,
    };
  };
  const bodies = instruction.heredocs.map((h) => ({
    heredoc: h,
    body: { start: (h.contentSpan ?? h.delimiterSpan ?? h.startSpan).start, end: (h.delimiterSpan ?? h.contentSpan ?? h.startSpan).end },
  }));
  const inBody = (span: Span): boolean =>
    bodies.some((b) => b.heredoc.contentSpan !== null && b.body.start <= span.start && span.end <= b.body.end);
  const isMarker = (span: Span): boolean =>
    bodies.some((b) => b.heredoc.startSpan.start <= span.start && span.end <= b.heredoc.startSpan.end);
  const json = instruction.heredocs.length ? null : jsonStrings(text, instruction.argumentsSpan);
  const header = json ?? instruction.arguments.filter((a) => !inBody(a.span) && !isMarker(a.span));
  const words = header.map((a) => toWord(a.value, a.span));
  const heredocs = bodies
    .filter((b) => b.heredoc.contentSpan)
    .map((b) => ({
      name: b.heredoc.name,
      text: text.slice(b.heredoc.contentSpan!.start, b.heredoc.contentSpan!.end),
      span: b.heredoc.contentSpan!,
    }));
  const bodyWords = instruction.arguments
    .filter((a) =>
      bodies.some((b) => b.heredoc.contentSpan && b.heredoc.contentSpan.start <= a.span.start && a.span.end <= b.heredoc.contentSpan.end),
    )
    .map((a) => toWord(a.value, a.span));
  const destination = words.length && (heredocs.length || words.length > 1) ? words[words.length - 1] : null;
  return { sources: destination ? words.slice(0, -1) : words, destination, heredocs, bodyWords };
}

/** The strings of a JSON-form argument list (`["a", "b"]`) with their spans, or null. */
function jsonStrings(text: string, span: Span | null): { value: string; span: Span }[] | null {
  if (!span) return null;
  const written = text.slice(span.start, span.end);
  if (!written.trimStart().startsWith('[')) return null;
  let values: unknown;
  try {
    values = JSON.parse(written);
  } catch {
    return null;
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return null;
  const result: { value: string; span: Span }[] = [];
  let at = 0;
  for (const value of values as string[]) {
    const open = written.indexOf('"', at);
    let close = open + 1;
    while (close < written.length && written[close] !== '"') close += written[close] === '\\' ? 2 : 1;
    result.push({ value, span: { start: span.start + open, end: span.start + close + 1 } });
    at = close + 1;
  }
  return result;
}

/** Operands of COPY and ADD (sources, destination and here-document body words), flags excluded. */
function* copyWords(model: DockerfileModel, instruction: ParsedInstruction, scope: VariableScope): Generator<LocatedWord> {
  const operands = copyOperands(model, instruction, scope);
  yield* operands.sources;
  if (operands.destination) yield operands.destination;
  yield* operands.bodyWords;
}

const stageWordCache = new WeakMap<Stage, readonly LocatedWord[]>();

/**
 * All words of a stage, in document order by instruction. Several rules and the build
 * evidence walk them, so they are collected once per stage and shared (read-only).
 */
export function stageWords(model: DockerfileModel, stage: Stage): readonly LocatedWord[] {
  let words = stageWordCache.get(stage);
  if (!words) {
    words = collectStageWords(model, stage);
    stageWordCache.set(stage, words);
  }
  return words;
}

function collectStageWords(model: DockerfileModel, stage: Stage): LocatedWord[] {
  const words: LocatedWord[] = [];
  const runs = new Map(stage.runs.map((r) => [r.instruction, r]));
  for (const instruction of stage.instructions) {
    const scope = stage.scopes.get(instruction) ?? stage.scope;
    const run = runs.get(instruction);
    // Loops rather than push(...words): a huge RUN must not hit the argument-count limit.
    const found = run
      ? runWords(run)
      : instruction.keyword === 'ENV' || instruction.keyword === 'ARG'
        ? propertyWords(model, instruction, scope)
        : instruction.keyword === 'COPY' || instruction.keyword === 'ADD'
          ? copyWords(model, instruction, scope)
          : [];
    for (const word of found) words.push(word);
  }
  return words;
}

/** Words of the global ARGs before the first FROM. */
export function* preambleWords(model: DockerfileModel): Generator<LocatedWord> {
  for (const instruction of model.preamble) {
    if (instruction.keyword === 'ARG') yield* propertyWords(model, instruction, model.globalScope);
  }
}
