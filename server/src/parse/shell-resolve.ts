// Turns a script's syntax record into commands for one place in one Dockerfile: expands the
// variables known there and maps script offsets to document spans.
import { expansionLimitHit, MAX_EXPANDED_LENGTH, type ExpansionLimits, type LimitHit } from './limits';
import { toDocumentSpan, type ShellSource } from './shell-source';
import {
  MAX_SHELL_NESTING,
  type AssignmentSyntax,
  type CommandSyntax,
  type RedirectSyntax,
  type ScriptSyntax,
  type WordSyntax,
  type ExpansionSyntax,
} from './shell-syntax';
import type { Span } from './text';

/** One shell word after quote removal, with known variables expanded. */
export interface ShellWord {
  /** The value; unresolved expansions stay in their written form (`${GLIBC_VERSION}`). */
  readonly value: string;
  /** The word as written in the script. */
  readonly raw: string;
  readonly span: Span;
  /** True when the value still holds an expansion we could not resolve. */
  readonly dynamic: boolean;
  /** True when the whole word was a single quoted string. */
  readonly quoted: boolean;
}

/** A redirection such as `> /etc/apk/keys/x.pub` or a here-document. */
export interface ShellRedirect {
  readonly operator: string;
  readonly target: ShellWord | null;
  /** The body of a here-document redirect. */
  readonly heredocBody: { text: string; span: Span } | null;
  readonly span: Span;
}

/** A `NAME=value` assignment, alone, before a command, or after `export`. */
export interface ShellAssignment {
  readonly name: string;
  readonly value: ShellWord | null;
  readonly span: Span;
}

/** A simple command: its words, the assignments before it and its redirections. */
export interface ShellCommand {
  /** The command word, or null for a line of bare assignments. */
  readonly name: ShellWord | null;
  readonly args: readonly ShellWord[];
  readonly assignments: readonly ShellAssignment[];
  readonly redirects: readonly ShellRedirect[];
  readonly span: Span;
  /** The command's text as written. */
  readonly text: string;
  /**
   * True when the command sits directly in the script's `&&`/`;` sequence (not in a pipeline,
   * `||`, a compound command or a substitution), so a fix may remove or replace it.
   */
  readonly topLevel: boolean;
}

/** The commands of a script, in source order (outer commands before nested ones). */
export interface ShellScript {
  commands: ShellCommand[];
  /** True when tree-sitter had to recover from a syntax error. */
  hasErrors: boolean;
  /** Where the reading stopped at a limit (nesting depth, expansion length). */
  limits: LimitHit[];
}

/** Looks up a variable known from ARG/ENV, or returns undefined. */
export type VariableLookup = (name: string) => string | undefined;

/**
 * Resolves a script read from `source.text` against the variables `lookup` knows. Expansions
 * past the bounds of `limits` (see parse/limits.ts) stay unexpanded, and are recorded.
 */
export function resolveScript(syntax: ScriptSyntax, source: ShellSource, lookup: VariableLookup, limits?: ExpansionLimits): ShellScript {
  const span = (start: number, end: number) => toDocumentSpan(source, start, end);
  const hits: LimitHit[] = [];
  if (syntax.tooDeep) {
    hits.push({
      span: span(syntax.tooDeep.start, syntax.tooDeep.end),
      message: `The shell script nests deeper than ${MAX_SHELL_NESTING} levels here (subshells, \`$(...)\`, compound commands), so muslcheck did not read the commands inside and may miss findings in them; no automatic fix edits this RUN`,
    });
  }
  const words = evaluateWords(syntax, source, lookup, limits, hits);
  const word = (w: WordSyntax | null) => (w ? words[w.id] : null);
  const assignment = (a: AssignmentSyntax): ShellAssignment => ({ name: a.name, value: word(a.value), span: span(a.start, a.end) });
  const redirect = (r: RedirectSyntax): ShellRedirect => ({
    operator: r.operator,
    target: word(r.target),
    heredocBody: r.heredocBody ? { text: r.heredocBody.text, span: span(r.heredocBody.start, r.heredocBody.end) } : null,
    span: span(r.start, r.end),
  });
  const command = (c: CommandSyntax): ShellCommand => ({
    name: word(c.name),
    args: c.args.map((a) => words[a.id]),
    assignments: c.assignments.map(assignment),
    redirects: c.redirects.map(redirect),
    span: span(c.start, c.end),
    text: c.text,
    topLevel: c.topLevel,
  });
  return { commands: syntax.commands.map(command), hasErrors: syntax.hasErrors, limits: hits };
}

/**
 * Expands every word in the order the shell meets it. Assignments in the script shadow the
 * Dockerfile's variables for the words after them; one whose value is not known statically
 * stops shadowing, so later words fall back to the Dockerfile's value.
 */
function evaluateWords(
  syntax: ScriptSyntax,
  source: ShellSource,
  lookup: VariableLookup,
  limits: ExpansionLimits | undefined,
  hits: LimitHit[],
): ShellWord[] {
  const words: ShellWord[] = new Array<ShellWord>(syntax.wordCount);
  const local = new Map<string, string>();
  const valueOf = (name: string) => (local.has(name) ? local.get(name) : lookup(name));
  for (const step of syntax.steps) {
    if ('word' in step) {
      const w = step.word;
      let value = w.literal ?? '';
      let dynamic = false;
      let overLimit = false;
      if (w.literal === null) {
        for (const part of w.parts) {
          if (typeof part === 'string') value += part;
          else {
            let expanded = expand(part, valueOf(part.name));
            // Script assignments can double a value per line (`A=$A$A`), like ARGs can.
            const grows = expanded.value.length - part.written.length;
            if (grows > 0 && (value.length + expanded.value.length > MAX_EXPANDED_LENGTH || (limits && !limits.take(grows)))) {
              expanded = { value: part.written, dynamic: true };
              overLimit = true;
            }
            value += expanded.value;
            dynamic ||= expanded.dynamic;
          }
        }
      }
      const span = toDocumentSpan(source, w.start, w.end);
      if (overLimit) hits.push(expansionLimitHit(span, `The word \`${abbreviated(w.raw)}\``, limits));
      words[w.id] = { value, raw: w.raw, span, dynamic, quoted: w.quoted };
    } else {
      const { name, value } = step.assignment;
      if (!name) continue;
      const resolved = value ? words[value.id] : null;
      if (resolved?.dynamic) local.delete(name);
      else local.set(name, resolved?.value ?? '');
    }
  }
  return words;
}

/** A word as written, cut short for a message. */
function abbreviated(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
}

function expand(part: ExpansionSyntax, known: string | undefined): { value: string; dynamic: boolean } {
  if (part.opaque) return { value: part.written, dynamic: true };
  if (part.plain) return known === undefined ? { value: part.written, dynamic: true } : { value: known, dynamic: known.includes('${') };
  const { operator, operand } = part;
  if (operator) {
    const empty = known === undefined || (operator.startsWith(':') && known === '');
    if (operator.endsWith('-') || operator.endsWith('=')) {
      return empty ? { value: operand, dynamic: operand.includes('$') } : { value: known!, dynamic: false };
    }
    if (operator.endsWith('+')) {
      if (known === undefined) return { value: part.written, dynamic: true };
      return empty ? { value: '', dynamic: false } : { value: operand, dynamic: operand.includes('$') };
    }
  }
  return { value: part.written, dynamic: true };
}
