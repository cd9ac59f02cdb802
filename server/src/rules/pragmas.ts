// Inline suppression comments, in hadolint's style, and everything about them in one place:
// reading and validating them, deciding which findings they silence, and the edit behind
// "Suppress CODE for this instruction". Rules MC0001 and MC0002 report on them; the words
// of their findings are in those rule files.
//   # muslcheck ignore=MC1002,MC1006 # reason     (the instruction below)
//   # muslcheck stage ignore=MC2001               (directly above a FROM: that stage)
//   # muslcheck global ignore=MC1006              (the whole file)
import type { Edit } from '../fixes/types';
import type { ParsedComment, ParsedDockerfile, ParsedInstruction } from '../parse/dockerfile';
import { dominantEol, type Span } from '../parse/text';

/** Where a pragma applies. */
export type PragmaScope = 'instruction' | 'stage' | 'global';

/** A parsed `# muslcheck ...` comment. */
export interface Pragma {
  scope: PragmaScope;
  /** The codes it names, upper-cased, in order. */
  codes: string[];
  /** Where each of `codes` is written. */
  codeSpans: Span[];
  /** The text after a second `#`, if any. */
  reason: string | null;
  span: Span;
  /** Instruction the pragma sits above (instruction and stage scope). */
  target: ParsedInstruction | null;
}

/**
 * What is wrong with a `# muslcheck` comment. A pragma with an unknown code still applies
 * its other codes; any other problem means it applies none.
 */
export type PragmaProblem = { span: Span } & (
  | { kind: 'unknown-directive'; directive: string }
  | { kind: 'no-code' }
  | { kind: 'malformed-code'; code: string }
  | { kind: 'unknown-code'; code: string }
  | { kind: 'not-above-instruction' }
  | { kind: 'stage-not-above-from' }
);

/** The pragmas of a document, and what was wrong with the comments that looked like pragmas. */
export interface Pragmas {
  pragmas: Pragma[];
  /** In document order; a comment with several bad codes has one problem per code. */
  problems: PragmaProblem[];
}

/** The pragmas of a document that has none (or whose pragmas are turned off). */
export const NO_PRAGMAS: Pragmas = { pragmas: [], problems: [] };

const PRAGMA = /^muslcheck\b/i;
const CODE = /^MC\d{4}$/;

/** Reads every `# muslcheck` comment; codes not in `knownCodes` are problems. */
export function readPragmas(doc: ParsedDockerfile, knownCodes: ReadonlySet<string>): Pragmas {
  const pragmas: Pragma[] = [];
  const problems: PragmaProblem[] = [];
  const comments = commentsWithLeadingPragmas(doc);
  let below: InstructionsBelow | undefined;
  for (const comment of comments) {
    const match = PRAGMA.exec(comment.content);
    if (!match) continue;
    const contentAt = comment.span.start + doc.text.slice(comment.span.start, comment.span.end).indexOf(comment.content);
    const bodyAt = contentAt + match[0].length;
    const parsed = parsePragmaBody(comment.content.slice(match[0].length), bodyAt);
    if (parsed === null) continue;
    if ('directive' in parsed) {
      problems.push({ span: comment.span, kind: 'unknown-directive', directive: parsed.directive });
      continue;
    }
    if (parsed.codes.length === 0) {
      problems.push({ span: comment.span, kind: 'no-code' });
      continue;
    }
    // Every bad code is a problem of its own; a malformed one makes the whole list suspect.
    let malformed = false;
    for (const { code, span } of parsed.codes) {
      if (!CODE.test(code)) {
        problems.push({ span, kind: 'malformed-code', code });
        malformed = true;
      } else if (!knownCodes.has(code)) problems.push({ span, kind: 'unknown-code', code });
    }
    if (malformed) continue;
    const target = parsed.scope === 'global' ? null : instructionBelow(doc, (below ??= instructionsBelow(doc, comments)), comment);
    if (parsed.scope !== 'global' && !target) {
      problems.push({ span: comment.span, kind: 'not-above-instruction' });
      continue;
    }
    if (parsed.scope === 'stage' && target?.keyword !== 'FROM') {
      problems.push({ span: comment.span, kind: 'stage-not-above-from' });
      continue;
    }
    pragmas.push({
      scope: parsed.scope,
      codes: parsed.codes.map((c) => c.code),
      codeSpans: parsed.codes.map((c) => c.span),
      reason: parsed.reason,
      span: comment.span,
      target,
    });
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { pragmas, problems };
}

interface ParsedBody {
  scope: PragmaScope;
  codes: { code: string; span: Span }[];
  reason: string | null;
}

/**
 * Reads what follows `muslcheck`; `at` is its offset in the document. Null for prose that
 * merely starts with the word (`# muslcheck runs in CI`): neither a scope nor `ignore` nor a
 * `key=value` that could be a misspelt `ignore=`.
 */
function parsePragmaBody(body: string, at: number): ParsedBody | { directive: string } | null {
  const hash = body.indexOf('#');
  const reason = hash >= 0 ? body.slice(hash + 1).trim() || null : null;
  const head = hash >= 0 ? body.slice(0, hash) : body;
  const words = [...head.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: at + m.index }));
  let scope: PragmaScope = 'instruction';
  if (words[0]?.text === 'global' || words[0]?.text === 'stage') scope = words.shift()!.text as PragmaScope;
  const directive = words.shift() ?? { text: '', start: at };
  const eq = directive.text.indexOf('=');
  const keyword = eq >= 0 ? directive.text.slice(0, eq) : directive.text;
  if (keyword !== 'ignore' && eq < 0 && scope === 'instruction') return null;
  if (keyword !== 'ignore') return { directive: keyword || body.trim() };
  if (eq < 0) return { scope, codes: [], reason };
  // The list may be spread over words (`ignore=MC1002, MC1006`): read it as one string of
  // its characters, each with its offset, and cut it at the commas.
  const chars = [
    ...[...directive.text.slice(eq + 1)].map((c, i) => ({ c, at: directive.start + eq + 1 + i })),
    ...words.flatMap((w) => [...w.text].map((c, i) => ({ c, at: w.start + i }))),
  ];
  const codes: ParsedBody['codes'] = [];
  let from = 0;
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && chars[i].c !== ',') continue;
    const part = chars.slice(from, i);
    if (part.length) {
      codes.push({
        code: part
          .map((p) => p.c)
          .join('')
          .toUpperCase(),
        span: { start: part[0].at, end: part[part.length - 1].at + 1 },
      });
    }
    from = i + 1;
  }
  return { scope, codes, reason };
}

/** The instruction that starts after a block of comment lines that includes this one. */
function instructionBelow(doc: ParsedDockerfile, below: InstructionsBelow, comment: ParsedComment): ParsedInstruction | null {
  let line = doc.lines.positionAt(comment.span.start).line + 1;
  while (below.commentLines.has(line)) line++;
  return below.byLine.get(line) ?? null;
}

/** What `instructionBelow` looks up, built once per document so pragmas cost linear time. */
interface InstructionsBelow {
  commentLines: Set<number>;
  /** The instruction (not an ONBUILD trigger) that starts on each line. */
  byLine: Map<number, ParsedInstruction>;
}

function instructionsBelow(doc: ParsedDockerfile, comments: readonly ParsedComment[]): InstructionsBelow {
  const commentLines = new Set(comments.map((c) => doc.lines.positionAt(c.span.start).line));
  const byLine = new Map<number, ParsedInstruction>();
  for (const instruction of doc.instructions) {
    const line = doc.lines.positionAt(instruction.span.start).line;
    if (!instruction.onbuild && !byLine.has(line)) byLine.set(line, instruction);
  }
  return { commentLines, byLine };
}

/**
 * The document's comments plus `# muslcheck` lines at the very top, which dockerfile-ast
 * reads as parser directives (`# key=value`) and so leaves out of its comments. Docker
 * itself treats them as comments: a directive key has no space.
 */
function commentsWithLeadingPragmas(doc: ParsedDockerfile): ParsedComment[] {
  const known = new Set(doc.comments.map((c) => c.span.start));
  const firstInstruction = doc.instructions.length ? Math.min(...doc.instructions.map((i) => i.span.start)) : doc.text.length;
  const recovered: ParsedComment[] = [];
  for (let line = 0; line < doc.lines.lineCount; line++) {
    const start = doc.lines.lineStarts[line];
    if (start >= firstInstruction) break;
    const text = doc.lines.lineText(line);
    const match = /^(\s*)#\s*(muslcheck\b.*)$/i.exec(text);
    if (!match || known.has(start + match[1].length)) continue;
    recovered.push({ span: { start: start + match[1].length, end: start + text.length }, content: match[2].trim() });
  }
  return recovered.length ? [...recovered, ...doc.comments].sort((a, b) => a.span.start - b.span.start) : [...doc.comments];
}

// ---------------------------------------------------------------------------------------
// Suppression

/** What suppression needs to know of a finding. */
export interface Suppressible {
  code: string;
  span: Span;
  /** Index of the stage the finding is in, or null for the preamble. */
  stage: number | null;
}

/** A finding that a pragma silenced, with the pragma that did it. */
export interface SuppressedFinding<F extends Suppressible = Suppressible> {
  finding: F;
  pragma: Pragma;
}

/**
 * Splits findings into those that stay and those a pragma silences. `stageStarts` are the
 * FROM instructions of the stages, by index, which stage pragmas stand above.
 */
export function applyPragmas<F extends Suppressible>(
  findings: readonly F[],
  pragmas: readonly Pragma[],
  stageStarts: readonly ParsedInstruction[],
): { kept: F[]; suppressed: SuppressedFinding<F>[] } {
  const kept: F[] = [];
  const suppressed: SuppressedFinding<F>[] = [];
  for (const finding of findings) {
    const pragma = pragmas.find((p) => silences(p, finding, stageStarts));
    if (pragma) suppressed.push({ finding, pragma });
    else kept.push(finding);
  }
  return { kept, suppressed };
}

function silences(pragma: Pragma, finding: Suppressible, stageStarts: readonly ParsedInstruction[]): boolean {
  if (!pragma.codes.includes(finding.code)) return false;
  if (pragma.scope === 'global') return true;
  if (pragma.scope === 'stage') return finding.stage !== null && stageStarts[finding.stage] === pragma.target;
  const target = pragma.target!;
  return target.span.start <= finding.span.start && finding.span.start < target.span.end;
}

// ---------------------------------------------------------------------------------------
// The suppress quick fix

/** An edit that silences one finding, with its title. */
export interface SuppressEdit {
  title: string;
  edit: Edit;
}

/**
 * The edit that suppresses `finding`: its code added to the ignore pragma above its
 * instruction, else a `# muslcheck ignore=CODE` line directly above, at the instruction's
 * indentation. Null when the finding sits outside any instruction.
 */
export function suppressEdit(doc: ParsedDockerfile, pragmas: readonly Pragma[], finding: Suppressible): SuppressEdit | null {
  // The top-level instruction: an ONBUILD trigger's pragma goes above the ONBUILD.
  const instruction = doc.instructions.find((i) => !i.onbuild && i.span.start <= finding.span.start && finding.span.start <= i.span.end);
  if (!instruction) return null;
  const title = `Suppress ${finding.code} for this instruction`;
  const pragma = pragmas.find((p) => p.scope === 'instruction' && p.target === instruction);
  const last = pragma?.codeSpans[pragma.codeSpans.length - 1];
  if (last) return { title, edit: { span: { start: last.end, end: last.end }, newText: `,${finding.code}` } };

  const lineStart = doc.lines.lineStarts[doc.lines.positionAt(instruction.span.start).line];
  const indent = /^[ \t]*/.exec(doc.text.slice(lineStart, instruction.span.start))![0];
  const eol = dominantEol(doc.text);
  return { title, edit: { span: { start: lineStart, end: lineStart }, newText: `${indent}# muslcheck ignore=${finding.code}${eol}` } };
}
