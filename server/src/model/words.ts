// Every word of a stage in one stream: shell words of RUN commands, ARG/ENV values and
// COPY/ADD arguments, for rules that look for a signature wherever it is written.
import type { ParsedInstruction } from '../parse/dockerfile';
import type { ShellCommand, ShellWord } from '../parse/shell';
import type { RunCommands } from './commands';
import type { DockerfileModel, Stage } from './model';
import { substitute, type VariableScope } from './variables';

/** A word and where it comes from. */
export interface LocatedWord {
  word: ShellWord;
  instruction: ParsedInstruction;
  /** The shell command, for words of RUN. */
  command: ShellCommand | null;
  run: RunCommands | null;
  /** The ARG/ENV variable a value is assigned to (also shell assignments). */
  variable: string | null;
}

/** The words of a RUN's commands: names, arguments, assignment values and redirect targets. */
export function* runWords(run: RunCommands): Generator<LocatedWord> {
  for (const command of run.commands) {
    const base = { instruction: run.instruction, command, run };
    if (command.name) yield { ...base, word: command.name, variable: null };
    for (const word of command.args) yield { ...base, word, variable: null };
    for (const assignment of command.assignments) {
      if (assignment.value) yield { ...base, word: assignment.value, variable: assignment.name };
    }
    for (const redirect of command.redirects) if (redirect.target) yield { ...base, word: redirect.target, variable: null };
  }
}

/** Values of ARG and ENV properties as words. */
export function* propertyWords(model: DockerfileModel, instruction: ParsedInstruction, scope: VariableScope): Generator<LocatedWord> {
  for (const property of instruction.properties) {
    if (!property.valueSpan || property.value === null) continue;
    const raw = model.parsed.text.slice(property.valueSpan.start, property.valueSpan.end);
    const value = substitute(property.value, scope, model.parsed.escapeChar);
    const word: ShellWord = { value: value.value, raw, span: property.valueSpan, dynamic: value.unresolved.length > 0, quoted: false };
    yield { word, instruction, command: null, run: null, variable: property.name };
  }
}

/** Arguments of COPY and ADD (sources and destination), flags excluded. */
export function* copyWords(model: DockerfileModel, instruction: ParsedInstruction, scope: VariableScope): Generator<LocatedWord> {
  for (const argument of instruction.arguments) {
    const value = substitute(argument.value, scope, model.parsed.escapeChar);
    const raw = model.parsed.text.slice(argument.span.start, argument.span.end);
    const word: ShellWord = { value: value.value, raw, span: argument.span, dynamic: value.unresolved.length > 0, quoted: false };
    yield { word, instruction, command: null, run: null, variable: null };
  }
}

/** All words of a stage, in document order by instruction. */
export function* stageWords(model: DockerfileModel, stage: Stage): Generator<LocatedWord> {
  const runs = new Map(stage.runs.map((r) => [r.instruction, r]));
  for (const instruction of stage.instructions) {
    const scope = stage.scopes.get(instruction) ?? stage.scope;
    const run = runs.get(instruction);
    if (run) yield* runWords(run);
    else if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') yield* propertyWords(model, instruction, scope);
    else if (instruction.keyword === 'COPY' || instruction.keyword === 'ADD') yield* copyWords(model, instruction, scope);
  }
}

/** Words of the global ARGs before the first FROM. */
export function* preambleWords(model: DockerfileModel): Generator<LocatedWord> {
  for (const instruction of model.preamble) {
    if (instruction.keyword === 'ARG') yield* propertyWords(model, instruction, model.globalScope);
  }
}
