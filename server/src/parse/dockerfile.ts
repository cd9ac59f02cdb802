// Wraps dockerfile-ast: turns its objects into plain records with UTF-16 offsets, so the
// model and rules never depend on the parser's API or on line/character arithmetic.
import { DockerfileParser, type Argument, type Instruction, type Flag } from 'dockerfile-ast';
import { LineIndex, type Span } from './text';

/** A `--name=value` flag of an instruction. */
export interface ParsedFlag {
  name: string;
  value: string | null;
  span: Span;
  valueSpan: Span | null;
}

/** One whitespace-separated argument as dockerfile-ast splits it. */
export interface ParsedArgument {
  value: string;
  span: Span;
}

/** A here-document attached to an instruction (`RUN <<EOF`). */
export interface ParsedHeredoc {
  name: string;
  /** The `<<EOF` operator and name on the instruction line. */
  startSpan: Span;
  contentSpan: Span | null;
  delimiterSpan: Span | null;
}

/** One instruction, or the trigger of an `ONBUILD`. */
export interface ParsedInstruction {
  /** Upper-case keyword (`RUN`, `FROM`, ...). */
  keyword: string;
  span: Span;
  keywordSpan: Span;
  /** From the first argument after the flags to the end of the instruction. */
  argumentsSpan: Span | null;
  flags: ParsedFlag[];
  arguments: ParsedArgument[];
  heredocs: ParsedHeredoc[];
  /** True for the instruction inside `ONBUILD`, which runs in images built from this one. */
  onbuild: boolean;
  /** Property pairs of `ARG`, `ENV` and `LABEL`. */
  properties: ParsedProperty[];
  /** Only for FROM: dockerfile-ast's reading of the image and stage name. */
  from?: { image: string | null; imageSpan: Span | null; stageName: string | null; stageNameSpan: Span | null };
}

/** A `name=value` pair of ARG, ENV or LABEL. */
export interface ParsedProperty {
  name: string;
  nameSpan: Span;
  /** The value with quotes and escapes removed, or null for `ARG NAME`. */
  value: string | null;
  valueSpan: Span | null;
}

/** A comment line outside any instruction. */
export interface ParsedComment {
  span: Span;
  /** The comment text after `#`, trimmed. */
  content: string;
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

/**
 * Parses Dockerfile text. Never throws on bad input: dockerfile-ast is error-tolerant, and
 * whatever it cannot read simply produces no instruction.
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  // A byte order mark is one UTF-16 unit; a space keeps every offset the same.
  const parseText = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const lines = new LineIndex(text);
  const ast = DockerfileParser.parse(parseText);
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
  return { text, lines, escapeChar: ast.getEscapeCharacter(), instructions, comments };
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
  const heredocs = (keyword === 'RUN' || keyword === 'COPY' || keyword === 'ADD' ? readHeredocs(heredocSource) : []).map(
    (heredoc) => ({
      name: heredoc.getName(),
      startSpan: must(heredoc.getStartRange()),
      contentSpan: span(heredoc.getContentRange()),
      delimiterSpan: span(heredoc.getDelimiterRange()),
    }),
  );
  const parsed: ParsedInstruction = {
    keyword,
    span: must(instruction.getRange()),
    keywordSpan: must(instruction.getInstructionRange()),
    argumentsSpan: null,
    flags,
    arguments: instruction.getArguments().map((argument) => ({
      value: argument.getValue(),
      span: must(argument.getRange()),
    })),
    heredocs,
    onbuild,
    properties: [],
  };
  parsed.argumentsSpan = parsed.arguments.length
    ? { start: parsed.arguments[0].span.start, end: parsed.span.end }
    : null;
  if (keyword === 'ARG' || keyword === 'ENV' || keyword === 'LABEL') {
    const source = instruction as unknown as {
      getProperties(): {
        getName(): string;
        getNameRange(): RangeLike;
        getValue(): string | null;
        getValueRange(): RangeLike | null;
      }[];
    };
    parsed.properties = source.getProperties().map((property) => ({
      name: property.getName(),
      nameSpan: must(property.getNameRange()),
      value: property.getValue(),
      valueSpan: span(property.getValueRange()),
    }));
  }
  if (keyword === 'FROM') {
    const from = instruction as unknown as {
      getImage(): string | null;
      getImageRange(): RangeLike | null;
      getBuildStage(): string | null;
      getBuildStageRange(): RangeLike | null;
    };
    parsed.from = {
      image: from.getImage(),
      imageSpan: span(from.getImageRange()),
      stageName: from.getBuildStage(),
      stageNameSpan: span(from.getBuildStageRange()),
    };
  }
  return parsed;
}
