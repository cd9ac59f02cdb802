// Inline suppression comments, in hadolint's style:
//   # muslcheck ignore=MC1002,MC1006 # reason     (the instruction below)
//   # muslcheck stage ignore=MC2001               (directly above a FROM: that stage)
//   # muslcheck global ignore=MC1006              (the whole file)
import type { ParsedComment, ParsedDockerfile, ParsedInstruction } from '../parse/dockerfile';
import type { Span } from '../parse/text';

/** Where a pragma applies. */
export type PragmaScope = 'instruction' | 'stage' | 'global';

/** A parsed `# muslcheck ...` comment. */
export interface Pragma {
  scope: PragmaScope;
  codes: string[];
  /** The text after a second `#`, if any. */
  reason: string | null;
  span: Span;
  /** Instruction the pragma sits above (instruction and stage scope). */
  target: ParsedInstruction | null;
}

/** A `# muslcheck` comment that could not be read. */
export interface PragmaProblem {
  span: Span;
  message: string;
}

/** The pragmas of a document, and the comments that looked like pragmas but were not. */
export interface Pragmas {
  pragmas: Pragma[];
  problems: PragmaProblem[];
}

const PRAGMA = /^muslcheck\b/i;
const CODE = /^MC\d{4}$/;

/** Reads every `# muslcheck` comment; `knownCodes` lets unknown codes be reported. */
export function readPragmas(doc: ParsedDockerfile, knownCodes: ReadonlySet<string>): Pragmas {
  const pragmas: Pragma[] = [];
  const problems: PragmaProblem[] = [];
  const comments = commentsWithLeadingPragmas(doc);
  let below: InstructionsBelow | undefined;
  for (const comment of comments) {
    const match = PRAGMA.exec(comment.content);
    if (!match) continue;
    const parsed = parsePragmaBody(comment.content.slice(match[0].length).trim());
    if ('error' in parsed) {
      problems.push({ span: comment.span, message: parsed.error });
      continue;
    }
    const unknown = parsed.codes.filter((c) => !knownCodes.has(c));
    if (unknown.length) {
      problems.push({
        span: comment.span,
        message: `unknown rule code${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} in muslcheck pragma`,
      });
    }
    const target = parsed.scope === 'global' ? null : instructionBelow(doc, (below ??= instructionsBelow(doc, comments)), comment);
    if (parsed.scope !== 'global' && !target) {
      problems.push({ span: comment.span, message: 'muslcheck pragma is not directly above an instruction' });
      continue;
    }
    if (parsed.scope === 'stage' && target?.keyword !== 'FROM') {
      problems.push({ span: comment.span, message: '`muslcheck stage ignore` must stand directly above a FROM' });
      continue;
    }
    pragmas.push({ ...parsed, span: comment.span, target });
  }
  return { pragmas, problems };
}

function parsePragmaBody(body: string): { scope: PragmaScope; codes: string[]; reason: string | null } | { error: string } {
  const hash = body.indexOf('#');
  const reason = hash >= 0 ? body.slice(hash + 1).trim() || null : null;
  const words = (hash >= 0 ? body.slice(0, hash) : body).trim().split(/\s+/).filter(Boolean);
  let scope: PragmaScope = 'instruction';
  if (words[0] === 'global' || words[0] === 'stage') scope = words.shift() as PragmaScope;
  const directive = words.shift() ?? '';
  const eq = directive.indexOf('=');
  const keyword = eq >= 0 ? directive.slice(0, eq) : directive;
  if (keyword !== 'ignore') {
    return {
      error: `unknown muslcheck pragma '${keyword || body.trim()}': expected 'ignore=CODE', 'stage ignore=CODE' or 'global ignore=CODE'`,
    };
  }
  const list = [directive.slice(eq + 1), ...words].join('');
  const codes = list
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  if (eq < 0 || codes.length === 0) return { error: 'muslcheck pragma names no rule code: write ignore=MC1002' };
  const malformed = codes.filter((c) => !CODE.test(c));
  if (malformed.length) return { error: `malformed rule code ${malformed.join(', ')} in muslcheck pragma: codes look like MC1002` };
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
