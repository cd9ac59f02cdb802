// Turns a RUN instruction, in any of its forms (shell form, exec form, here-documents,
// `sh -c '...'` payloads), into the simple commands the shell will run.
import type { ParsedDockerfile, ParsedInstruction, RunOrigin } from './dockerfile';
import { concatSources, runHeaderSource, verbatimSource, type ShellSource } from './shell-source';
import { parseShell, shiftCommands, type ScriptCache, type ShellCommand, type ShellWord, type VariableLookup } from './shell';
import type { ExpansionLimits, LimitHit } from './limits';
import { escapeRegExp, shiftSpan, type Span } from './text';

/** The commands of one RUN instruction. */
export interface RunCommands {
  readonly instruction: ParsedInstruction;
  readonly commands: readonly ShellCommand[];
  /** True for the JSON (exec) form. */
  readonly execForm: boolean;
  /** True when the shell parser had to recover from a syntax error. */
  readonly hasErrors: boolean;
  /** Where reading the RUN stopped at a limit (nesting depth, expansion length). */
  readonly limits: readonly LimitHit[];
}

/** A RUN's commands and every variable its reading looked up, with the value it got. */
export interface CachedRun {
  lookups: ReadonlyMap<string, string | undefined>;
  run: RunCommands;
}

/** The part of a ParseCache that reading RUN commands uses. */
export interface RunCache extends ScriptCache {
  readonly origins: WeakMap<ParsedInstruction, RunOrigin>;
  /**
   * By a chunk's own RUN reading: the commands last read for a placement of it, with the
   * variable values the reading used. Another placement with the same values gets them moved.
   */
  readonly runs: WeakMap<ParsedInstruction, CachedRun>;
}

/** A RunCommands while it is read. */
interface RunReading {
  instruction: ParsedInstruction;
  commands: ShellCommand[];
  execForm: boolean;
  hasErrors: boolean;
  limits: LimitHit[];
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/**
 * Reads the commands of a RUN instruction. With a cache, a RUN read before from the same chunk
 * text, while every variable the reading looked up still has the same value, keeps its
 * commands: as they are where it did not move (see InstructionChunk.placement), else moved.
 */
export function readRunCommands(
  doc: ParsedDockerfile,
  instruction: ParsedInstruction,
  lookup: VariableLookup,
  cache?: RunCache,
  limits?: ExpansionLimits,
): RunCommands {
  const origin = cache?.origins.get(instruction);
  if (!cache || !origin) return readRun(doc, instruction, lookup, cache, limits);
  const last = cache.runs.get(origin.reading);
  if (last && sameLookups(last.lookups, lookup)) {
    if (last.run.instruction === instruction) return last.run;
    const moved = moveRun(last.run, instruction);
    // Like placements: commands of a RUN that keeps moving are not worth keeping.
    if (origin.kept) cache.runs.set(origin.reading, { lookups: last.lookups, run: moved });
    return moved;
  }
  const lookups = new Map<string, string | undefined>();
  const recording: VariableLookup = (name) => {
    if (!lookups.has(name)) lookups.set(name, lookup(name));
    return lookups.get(name);
  };
  const run = readRun(doc, instruction, recording, cache, limits);
  // A reading cut short depends on how much of the document's expansion budget was left.
  if (!run.limits.length) cache.runs.set(origin.reading, { lookups, run });
  return run;
}

/** A RUN's commands read elsewhere, moved to `instruction`, which has the same text. */
function moveRun(run: RunCommands, instruction: ParsedInstruction): RunCommands {
  return {
    instruction,
    commands: shiftCommands(run.commands, instruction.span.start - run.instruction.span.start),
    execForm: run.execForm,
    hasErrors: run.hasErrors,
    limits: run.limits.map((hit) => ({
      span: shiftSpan(hit.span, instruction.span.start - run.instruction.span.start),
      message: hit.message,
    })),
  };
}

function sameLookups(lookups: ReadonlyMap<string, string | undefined>, lookup: VariableLookup): boolean {
  for (const [name, value] of lookups) if (lookup(name) !== value) return false;
  return true;
}

function readRun(
  doc: ParsedDockerfile,
  instruction: ParsedInstruction,
  lookup: VariableLookup,
  cache: RunCache | undefined,
  limits: ExpansionLimits | undefined,
): RunCommands {
  const result: RunReading = { instruction, commands: [], execForm: false, hasErrors: false, limits: [] };
  const header = runHeaderSource(doc.text, instruction, doc.escapeChar);
  if (!header) return result;
  if (header.text.trimStart().startsWith('[')) {
    const words = readExecForm(header);
    if (words) {
      result.execForm = true;
      if (words.length) {
        result.commands.push(execCommand(words));
        appendPayloads(doc, result, lookup, cache, limits);
      }
      return result;
    }
  }
  let source: ShellSource = header;
  const bodies = instruction.heredocs.filter((h) => h.contentSpan);
  if (
    bodies.length &&
    runsHeredocsAsScripts(
      header.text,
      instruction.heredocs.map((h) => h.name),
    )
  ) {
    // `RUN <<EOF` feeds each here-document to the shell as a script of its own.
    const scripts = bodies.map((h) => verbatimSource(doc.text, h.contentSpan!));
    const blankedHeader = {
      text: header.text.replace(/<<-?\s*["']?[A-Za-z_][\w.-]*["']?/g, (m) => ' '.repeat(m.length)),
      offsets: header.offsets,
    };
    source = concatSources([blankedHeader, ...scripts]);
  } else if (instruction.heredocs.length) {
    // `cat <<EOF > file`: the shell reads the here-document as data.
    const bodyStart = header.offsets[header.text.length];
    source = concatSources([header, verbatimSource(doc.text, { start: bodyStart, end: instruction.span.end })], '');
  }
  const script = parseShell(source, lookup, cache, limits);
  result.commands = script.commands;
  result.hasErrors = script.hasErrors;
  result.limits.push(...script.limits);
  appendPayloads(doc, result, lookup, cache, limits);
  return result;
}

/** True when the here-documents of a RUN are scripts: no command, or a shell reading stdin. */
function runsHeredocsAsScripts(header: string, names: string[]): boolean {
  let rest = header;
  for (const name of names) rest = rest.split(new RegExp(`<<-?\\s*["']?${escapeRegExp(name)}["']?`)).join(' ');
  const words = rest.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const command = words[0].split('/').pop() ?? '';
  return SHELLS.has(command) && !words.includes('-c');
}

/** The script word of `sh -c '...'` (any shell, `-c` alone or among other short options), or null. */
export function shellPayload(command: ShellCommand): ShellWord | null {
  if (!SHELLS.has(command.name?.value.split('/').pop() ?? '')) return null;
  const index = command.args.findIndex((a) => /^-[a-z]+$/.test(a.value) && a.value.includes('c'));
  return index >= 0 ? (command.args[index + 1] ?? null) : null;
}

/** Reparses `sh -c '...'` payloads as scripts, so their commands count too. */
function appendPayloads(
  doc: ParsedDockerfile,
  result: RunReading,
  lookup: VariableLookup,
  cache: RunCache | undefined,
  limits: ExpansionLimits | undefined,
): void {
  const payloads = result.commands.map(shellPayload).filter((p): p is ShellWord => p !== null);
  for (const payload of payloads) {
    const script = parseShell(payloadSource(doc.text, payload), lookup, cache, limits);
    result.commands.push(...script.commands.map((c) => ({ ...c, topLevel: false })));
    result.hasErrors ||= script.hasErrors;
    result.limits.push(...script.limits);
  }
}

/** Maps a payload's characters to the document when the word is written plainly, else to its start. */
function payloadSource(documentText: string, word: ShellWord): ShellSource {
  const written = documentText.slice(word.span.start, word.span.end);
  const quoted = written.length === word.value.length + 2 && (written[0] === "'" || written[0] === '"');
  const offsets = new Int32Array(word.value.length + 1);
  for (let i = 0; i <= word.value.length; i++) {
    offsets[i] = written === word.value ? word.span.start + i : quoted ? word.span.start + 1 + i : word.span.start;
  }
  if (!quoted && written !== word.value) offsets[word.value.length] = word.span.end;
  return { text: word.value, offsets };
}

function execCommand(words: ShellWord[]): ShellCommand {
  const span: Span = { start: words[0].span.start, end: words[words.length - 1].span.end };
  return {
    name: words[0],
    args: words.slice(1),
    assignments: [],
    redirects: [],
    span,
    text: words.map((w) => w.raw).join(' '),
    topLevel: false,
  };
}

/** Reads the JSON array of the exec form; null when the text is not a JSON string array. */
function readExecForm(source: ShellSource): ShellWord[] | null {
  const text = source.text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) return null;
  const words: ShellWord[] = [];
  let at = text.indexOf('[') + 1;
  for (const value of parsed as string[]) {
    const open = text.indexOf('"', at);
    const close = closingQuote(text, open + 1);
    const start = source.offsets[open];
    const end = source.offsets[close] + 1;
    words.push({ value, raw: text.slice(open, close + 1), span: { start, end }, dynamic: false, quoted: true });
    at = close + 1;
  }
  return words;
}

function closingQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}
