// Wraps dockerfile-ast: turns its objects into plain records with UTF-16 offsets, so the
// model and rules never depend on the parser's API or on line/character arithmetic.
import { DockerfileParser, type Argument, type Instruction, type Flag } from 'dockerfile-ast';
import { MAX_CACHED_TEXT, type BoundedCache } from './bounded-cache';
import { detachedCopy, LineIndex, shiftSpan, type Span } from './text';

/** A `--name=value` flag of an instruction. */
export interface ParsedFlag {
  readonly name: string;
  readonly value: string | null;
  readonly span: Span;
  readonly valueSpan: Span | null;
}

/** One whitespace-separated argument as dockerfile-ast splits it. */
export interface ParsedArgument {
  readonly value: string;
  readonly span: Span;
}

/** A here-document attached to an instruction (`RUN <<EOF`). */
export interface ParsedHeredoc {
  readonly name: string;
  /** The `<<EOF` operator and name on the instruction line. */
  readonly startSpan: Span;
  readonly contentSpan: Span | null;
  readonly delimiterSpan: Span | null;
}

/** One instruction, or the trigger of an `ONBUILD`. */
export interface ParsedInstruction {
  /** Upper-case keyword (`RUN`, `FROM`, ...). */
  readonly keyword: string;
  readonly span: Span;
  readonly keywordSpan: Span;
  /** From the first argument after the flags to the end of the instruction. */
  readonly argumentsSpan: Span | null;
  readonly flags: readonly ParsedFlag[];
  readonly arguments: readonly ParsedArgument[];
  readonly heredocs: readonly ParsedHeredoc[];
  /** True for the instruction inside `ONBUILD`, which runs in images built from this one. */
  readonly onbuild: boolean;
  /** Property pairs of `ARG`, `ENV` and `LABEL`. */
  readonly properties: readonly ParsedProperty[];
  /** Only for FROM: dockerfile-ast's reading of the image and stage name. */
  readonly from?: {
    readonly image: string | null;
    readonly imageSpan: Span | null;
    readonly stageName: string | null;
    readonly stageNameSpan: Span | null;
  };
}

/** A `name=value` pair of ARG, ENV or LABEL. */
export interface ParsedProperty {
  readonly name: string;
  readonly nameSpan: Span;
  /** The value with quotes and escapes removed, or null for `ARG NAME`. */
  readonly value: string | null;
  readonly valueSpan: Span | null;
}

/** A comment line outside any instruction. */
export interface ParsedComment {
  readonly span: Span;
  /** The comment text after `#`, trimmed. */
  readonly content: string;
}

/** The whole parsed document. */
export interface ParsedDockerfile {
  text: string;
  lines: LineIndex;
  escapeChar: string;
  instructions: ParsedInstruction[];
  comments: ParsedComment[];
}

interface RangeLike {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** What a run of lines parsed on its own holds, with spans relative to the run's start. */
export interface InstructionChunk {
  instructions: ParsedInstruction[];
  comments: ParsedComment[];
  escapeChar: string;
  /**
   * With a cache: where the chunk was last placed in a document. Text before an edit keeps
   * its offsets, so the next analysis takes those instructions as they are, and every reading
   * derived from them (RUN commands, words, apk calls) by their identity.
   */
  placement?: ChunkPlacement;
  /** With a cache: the offset the chunk was last placed at, kept or not. */
  lastStart?: number;
}

/** A chunk's instructions and comments at one offset. */
export interface ChunkPlacement {
  start: number;
  instructions: readonly ParsedInstruction[];
  comments: readonly ParsedComment[];
}

/** Where a placed RUN comes from, and whether its chunk keeps that placement. */
export interface RunOrigin {
  reading: ParsedInstruction;
  kept: boolean;
}

/** The part of a ParseCache that parsing a Dockerfile uses. */
export interface ChunkCache {
  readonly chunks: BoundedCache<string, InstructionChunk>;
  /** For each placed RUN (see InstructionChunk.placement), the chunk's own reading it was moved from. */
  readonly origins: WeakMap<ParsedInstruction, RunOrigin>;
}

/**
 * Parses Dockerfile text. Never throws on bad input: dockerfile-ast is error-tolerant, and
 * whatever it cannot read simply produces no instruction. With a cache, the document is parsed
 * in chunks that each start with an instruction (see chunkStarts), and a chunk whose text was
 * parsed before is only moved to its new offset: the result is the same as a whole parse.
 */
export function parseDockerfile(text: string, cache?: ChunkCache, lines = new LineIndex(text)): ParsedDockerfile {
  const starts = cache ? chunkStarts(text) : null;
  const whole = (): ParsedDockerfile => ({ text, lines, ...parseChunk(text, lines) });
  if (!cache || !starts) return whole();
  const instructions: ParsedInstruction[] = [];
  const comments: ParsedComment[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i];
    const chunkText = text.slice(start, i + 1 < starts.length ? starts[i + 1] : text.length);
    let chunk = cache.chunks.get(chunkText);
    if (!chunk) {
      // The cache outlives this document: it keeps its own copy of the text, which the parsed
      // values are slices of, rather than slices that would keep every edited version alive.
      const own = detachedCopy(chunkText);
      chunk = parseChunk(own, new LineIndex(own));
      if (own.length <= MAX_CACHED_TEXT) cache.chunks.set(own, chunk);
    }
    // Only the first chunk can hold an escape directive; the others were read with `\`.
    if (i === 0 && chunk.escapeChar !== '\\') return whole();
    // A here-document that chunkStarts did not see (its `<<` split by a continuation) may run
    // past the cut: then only a whole parse reads it right.
    if (chunk.instructions.some((instruction) => instruction.heredocs.length > 0)) return whole();
    const placed = place(chunk, start, cache);
    for (const instruction of placed.instructions) instructions.push(instruction);
    for (const comment of placed.comments) comments.push(comment);
  }
  return { text, lines, escapeChar: '\\', instructions, comments };
}

/**
 * The chunk's readings moved to `start`: the kept placement's own objects when it was there
 * too. A placement is kept only once the chunk is found at the same offset twice running:
 * chunks below the cursor move on every keystroke, and keeping each of their placements until
 * the next one would only leave old garbage behind.
 */
function place(chunk: InstructionChunk, start: number, cache: ChunkCache): ChunkPlacement {
  if (chunk.placement?.start === start) return chunk.placement;
  const kept = chunk.lastStart === start;
  const placed: ChunkPlacement = {
    start,
    instructions: chunk.instructions.map((instruction) => {
      const moved = shiftInstruction(instruction, start);
      // Only RUN readings are looked up by their origin (parse/run-commands.ts).
      if (instruction.keyword === 'RUN') cache.origins.set(moved, { reading: instruction, kept });
      return moved;
    }),
    comments: chunk.comments.map((comment) => ({ span: shiftSpan(comment.span, start), content: comment.content })),
  };
  chunk.placement = kept ? placed : undefined;
  chunk.lastStart = start;
  return placed;
}

function parseChunk(text: string, lines: LineIndex): InstructionChunk {
  // A byte order mark is one UTF-16 unit; a space keeps every offset the same.
  const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  let ast = DockerfileParser.parse(parseText);
  const repaired = withEscapedBlankContinuations(parseText, ast.getEscapeCharacter());
  if (repaired !== parseText) ast = DockerfileParser.parse(repaired);
  const span = (range: RangeLike | null): Span | null => (range ? lines.spanOf(range) : null);
  const must = (range: RangeLike): Span => lines.spanOf(range);

  const instructions: ParsedInstruction[] = [];
  const add = (instruction: Instruction, onbuild: boolean): void => {
    memoiseArguments(instruction);
    const parsed = convertInstruction(instruction, onbuild, span, must);
    instructions.push(parsed);
    if (parsed.keyword === 'ONBUILD') {
      const trigger = (instruction as unknown as { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (trigger) add(trigger, true);
    }
  };
  for (const instruction of ast.getInstructions()) add(instruction, false);

  const comments = ast.getComments().map((comment) => ({
    span: must(comment.getRange()),
    content: comment.getContent() ?? '',
  }));
  return { instructions, comments, escapeChar: ast.getEscapeCharacter() };
}

/**
 * dockerfile-ast 0.7 ends an instruction at a line that ends in an escaped blank and then the
 * escape character (`a\ \`), where Docker continues it: after an escape and blanks its parser
 * skips the next character, here the escape that continues the line. The same text with each
 * such escape moved after its blanks (`a \\`) parses to Docker's instructions. Only the
 * characters moved change their offsets, and RUN scripts are read from the document itself.
 */
function withEscapedBlankContinuations(text: string, escapeChar: string): string {
  const pattern = escapeChar === '`' ? ESCAPED_BLANKS_BEFORE_CONTINUATION_BACKTICK : ESCAPED_BLANKS_BEFORE_CONTINUATION;
  return text.replace(pattern, (_match, blanks: string) => blanks + escapeChar);
}

const ESCAPED_BLANKS_BEFORE_CONTINUATION = /\\([ \t]+)(?=\\[ \t]*[\r\n])/g;
const ESCAPED_BLANKS_BEFORE_CONTINUATION_BACKTICK = /`([ \t]+)(?=`[ \t]*[\r\n])/g;

/**
 * Where a document can be cut into chunks that parse on their own exactly as they do in the
 * whole: before each line that starts an instruction after a line that ended one. The test is
 * stricter than Docker's, so a doubtful line never becomes a cut: the line before must not end
 * with a backslash, nor must the last line that was neither blank nor a comment (a comment or
 * blank line inside a continuation does not end it). Documents with here-documents or lone CR
 * line breaks are not cut at all (null).
 */
export function chunkStarts(text: string): number[] | null {
  if (text.includes('<<') || LONE_CR.test(text)) return null;
  const starts = [0];
  // Null until the first instruction line: the first chunk keeps the directives and comments
  // before it, as a whole parse reads them.
  let lastInstructionLineContinues: boolean | null = null;
  let previousLineContinues = false;
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(lineStart, lineEnd);
    const continues = CONTINUED.test(line);
    if (!BLANK_OR_COMMENT.test(line)) {
      if (lastInstructionLineContinues === false && !previousLineContinues && INSTRUCTION_START.test(line)) starts.push(lineStart);
      // dockerfile-ast reads an escaped `#` that starts a line both as a word and as a
      // comment, so such a line may not end a continuation.
      lastInstructionLineContinues = ESCAPED_HASH.test(line) ? lastInstructionLineContinues !== false || continues : continues;
    }
    previousLineContinues = continues;
    lineStart = lineEnd + 1;
  }
  return starts;
}

const LONE_CR = /\r(?!\n)/;
const CONTINUED = /\\\s*$/;
const BLANK_OR_COMMENT = /^\s*(#|$)/;
const ESCAPED_HASH = /^\s*\\#/;
const INSTRUCTION_START = /^[ \t]*[A-Za-z]/;

function shiftOrNull(span: Span | null, by: number): Span | null {
  return span ? shiftSpan(span, by) : null;
}

/**
 * A copy of an instruction read at offset 0, moved to offset `by`. Empty lists are shared with
 * the cached reading: nothing writes to a parsed instruction, and most lists are empty.
 */
function shiftInstruction(instruction: ParsedInstruction, by: number): ParsedInstruction {
  const from = instruction.from;
  return {
    keyword: instruction.keyword,
    span: shiftSpan(instruction.span, by),
    keywordSpan: shiftSpan(instruction.keywordSpan, by),
    argumentsSpan: shiftOrNull(instruction.argumentsSpan, by),
    flags: mapList(instruction.flags, (f) => ({
      name: f.name,
      value: f.value,
      span: shiftSpan(f.span, by),
      valueSpan: shiftOrNull(f.valueSpan, by),
    })),
    arguments: mapList(instruction.arguments, (a) => ({ value: a.value, span: shiftSpan(a.span, by) })),
    heredocs: mapList(instruction.heredocs, (h) => ({
      name: h.name,
      startSpan: shiftSpan(h.startSpan, by),
      contentSpan: shiftOrNull(h.contentSpan, by),
      delimiterSpan: shiftOrNull(h.delimiterSpan, by),
    })),
    onbuild: instruction.onbuild,
    properties: mapList(instruction.properties, (p) => ({
      name: p.name,
      nameSpan: shiftSpan(p.nameSpan, by),
      value: p.value,
      valueSpan: shiftOrNull(p.valueSpan, by),
    })),
    ...(from && {
      from: {
        image: from.image,
        imageSpan: shiftOrNull(from.imageSpan, by),
        stageName: from.stageName,
        stageNameSpan: shiftOrNull(from.stageNameSpan, by),
      },
    }),
  };
}

function mapList<T>(items: readonly T[], map: (item: T) => T): readonly T[] {
  return items.length ? items.map(map) : items;
}

/**
 * dockerfile-ast's here-document reader throws on some continuations (`RUN a \<CR># x<LF>`,
 * a comment after a lone CR); such an instruction is read as having none.
 */
function readHeredocs<T>(source: { getHeredocs(): T[] }): T[] {
  try {
    return source.getHeredocs();
  } catch {
    return [];
  }
}

/**
 * A document read as text only: its lines, but no instructions or comments. Used when the
 * input is beyond a size limit, so callers still get correct positions for the text.
 */
export function unparsedDockerfile(text: string): ParsedDockerfile {
  return { text, lines: new LineIndex(text), escapeChar: '\\', instructions: [], comments: [] };
}

/**
 * dockerfile-ast splits an instruction's text into arguments again on every call of
 * getArguments(), and its getFlags, getHeredocs, getProperties and FROM getters each call it:
 * that re-splitting was the largest single cost of the conversion. The instruction objects
 * live only for this parse, so each gets its first split as an own property; callers get a
 * copy because dockerfile-ast shifts the flags off the array it is given.
 */
function memoiseArguments(instruction: Instruction): void {
  const target = instruction as unknown as { getRawArguments(): Argument[] };
  const split = target.getRawArguments();
  target.getRawArguments = () => split.slice();
}

function convertInstruction(
  instruction: Instruction,
  onbuild: boolean,
  span: (range: RangeLike | null) => Span | null,
  must: (range: RangeLike) => Span,
): ParsedInstruction {
  const keyword = instruction.getKeyword().toUpperCase();
  const withFlags = instruction as unknown as { getFlags?(): Flag[] };
  const flags: ParsedFlag[] = (withFlags.getFlags?.() ?? []).map((flag) => ({
    name: flag.getName(),
    value: flag.getValue(),
    span: must(flag.getRange()),
    valueSpan: span(flag.getValueRange()),
  }));
  const heredocSource = instruction as unknown as {
    getHeredocs(): {
      getName(): string;
      getStartRange(): RangeLike;
      getContentRange(): RangeLike | null;
      getDelimiterRange(): RangeLike | null;
    }[];
  };
  const heredocs = (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD' ? readHeredocs(heredocSource) : []).map((heredoc) => ({
    name: heredoc.getName(),
    startSpan: must(heredoc.getStartRange()),
    contentSpan: span(heredoc.getContentRange()),
    delimiterSpan: span(heredoc.getDelimiterRange()),
  }));
  const instructionSpan = must(instruction.getRange());
  const args = instruction.getArguments().map((argument) => ({
    value: argument.getValue(),
    span: must(argument.getRange()),
  }));
  return {
    keyword,
    span: instructionSpan,
    keywordSpan: must(instruction.getInstructionRange()),
    argumentsSpan: args.length ? { start: args[0].span.start, end: instructionSpan.end } : null,
    flags,
    arguments: args,
    heredocs,
    onbuild,
    properties: keyword === 'ARG' || keyword === 'ENV' || keyword === 'LABEL' ? readProperties(instruction, span, must) : [],
    ...(keyword === 'FROM' && { from: readFrom(instruction, span) }),
  };
}

function readProperties(
  instruction: Instruction,
  span: (range: RangeLike | null) => Span | null,
  must: (range: RangeLike) => Span,
): ParsedProperty[] {
  const source = instruction as unknown as {
    getProperties(): {
      getName(): string;
      getNameRange(): RangeLike;
      getValue(): string | null;
      getValueRange(): RangeLike | null;
    }[];
  };
  return source.getProperties().map((property) => ({
    name: property.getName(),
    nameSpan: must(property.getNameRange()),
    value: property.getValue(),
    valueSpan: span(property.getValueRange()),
  }));
}

function readFrom(instruction: Instruction, span: (range: RangeLike | null) => Span | null): ParsedInstruction['from'] {
  const from = instruction as unknown as {
    getImage(): string | null;
    getImageRange(): RangeLike | null;
    getBuildStage(): string | null;
    getBuildStageRange(): RangeLike | null;
  };
  return {
    image: from.getImage(),
    imageSpan: span(from.getImageRange()),
    stageName: from.getBuildStage(),
    stageNameSpan: span(from.getBuildStageRange()),
  };
}
