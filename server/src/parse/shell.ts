// Reads shell scripts with tree-sitter-bash (WebAssembly, so the same code runs in Node, a
// browser and VS Code for the Web) and turns them into simple commands whose words carry
// their quote-removed, variable-expanded value and their exact document span.
import { Parser, Language, type Node } from 'web-tree-sitter';
import { toDocumentSpan, type ShellSource } from './shell-source';
import type { Span } from './text';

/** One shell word after quote removal, with known variables expanded. */
export interface ShellWord {
  /** The value; unresolved expansions stay in their written form (`${GLIBC_VERSION}`). */
  value: string;
  /** The word as written in the script. */
  raw: string;
  span: Span;
  /** True when the value still holds an expansion we could not resolve. */
  dynamic: boolean;
  /** True when the whole word was a single quoted string. */
  quoted: boolean;
}

/** A redirection such as `> /etc/apk/keys/x.pub` or a here-document. */
export interface ShellRedirect {
  operator: string;
  target: ShellWord | null;
  /** The body of a here-document redirect. */
  heredocBody: { text: string; span: Span } | null;
  span: Span;
}

/** A `NAME=value` assignment, alone, before a command, or after `export`. */
export interface ShellAssignment {
  name: string;
  value: ShellWord | null;
  span: Span;
}

/** A simple command: its words, the assignments before it and its redirections. */
export interface ShellCommand {
  /** The command word, or null for a line of bare assignments. */
  name: ShellWord | null;
  args: ShellWord[];
  assignments: ShellAssignment[];
  redirects: ShellRedirect[];
  span: Span;
  /** The command's text as written. */
  text: string;
  /**
   * True when the command sits directly in the script's `&&`/`;` sequence (not in a pipeline,
   * `||`, a compound command or a substitution), so a fix may remove or replace it.
   */
  topLevel: boolean;
}

/** The commands of a script, in source order (outer commands before nested ones). */
export interface ShellScript {
  commands: ShellCommand[];
  /** True when tree-sitter had to recover from a syntax error. */
  hasErrors: boolean;
}

/** Looks up a variable known from ARG/ENV, or returns undefined. */
export type VariableLookup = (name: string) => string | undefined;

let parser: Parser | null = null;

/** Options for loading the shell grammar. */
export interface ShellParserInit {
  /** The tree-sitter-bash WebAssembly module, as bytes or a path/URL web-tree-sitter can load. */
  grammar: Uint8Array | string;
  /** Passed to web-tree-sitter to find its own runtime (browsers). */
  locateFile?: (name: string, scriptDirectory: string) => string;
}

/** Loads the grammar once; later calls are no-ops. */
export async function initShellParser(init: ShellParserInit): Promise<void> {
  if (parser) return;
  await Parser.init(init.locateFile ? { locateFile: init.locateFile } : undefined);
  const language = await Language.load(init.grammar);
  const created = new Parser();
  created.setLanguage(language);
  parser = created;
}

/** True once `initShellParser` has finished. */
export function isShellParserReady(): boolean {
  return parser !== null;
}

/** Parses a script and resolves its words. */
export function parseShell(source: ShellSource, lookup: VariableLookup): ShellScript {
  if (!parser) throw new Error('muslcheck: the shell parser is not initialised; call initAnalyzer() first');
  // tree-sitter reads NUL as the end of input and recovers from it very slowly (20,000 NULs
  // took 14 s); U+FFFD is one UTF-16 unit too, so every offset stays the same.
  const tree = parser.parse(source.text.includes('\0') ? source.text.replace(/\0/g, '\uFFFD') : source.text);
  if (!tree) return { commands: [], hasErrors: true };
  try {
    const reader = new ScriptReader(source, lookup);
    reader.visit(tree.rootNode);
    return { commands: reader.commands, hasErrors: tree.rootNode.hasError || reader.truncated };
  } finally {
    tree.delete();
  }
}

/**
 * How deep substitutions and compound commands are followed. Real scripts nest a handful of
 * levels; hostile ones (10,000 nested `$(`) would overflow the stack. Deeper parts are left
 * unread and the script counts as having errors, so no fix edits it.
 */
export const MAX_SHELL_NESTING = 200;

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

class ScriptReader {
  readonly commands: ShellCommand[] = [];
  /** True when part of the script was nested deeper than MAX_SHELL_NESTING and left unread. */
  truncated = false;
  private readonly local = new Map<string, string>();
  private depth = 0;

  constructor(
    private readonly source: ShellSource,
    private readonly lookup: VariableLookup,
  ) {}

  visit(node: Node, topLevel = false): void {
    if (this.depth >= MAX_SHELL_NESTING) {
      this.truncated = true;
      return;
    }
    this.depth++;
    try {
      this.visitNode(node, topLevel);
    } finally {
      this.depth--;
    }
  }

  private visitNode(node: Node, topLevel: boolean): void {
    switch (node.type) {
      case 'program':
        for (const child of node.namedChildren) if (child) this.visit(child, true);
        return;
      case 'list':
        this.visitList(node, topLevel);
        return;
      case 'command':
        this.readCommand(node, [], topLevel);
        return;
      case 'redirected_statement':
        this.readRedirected(node, topLevel);
        return;
      case 'variable_assignment':
        this.pushAssignments([this.readAssignment(node)], node, topLevel);
        return;
      case 'variable_assignments':
      case 'declaration_command': {
        const assignments = node.namedChildren.filter((c) => c?.type === 'variable_assignment') as Node[];
        this.pushAssignments(
          assignments.map((a) => this.readAssignment(a)),
          node,
          topLevel,
        );
        return;
      }
      default:
        for (const child of node.namedChildren) if (child) this.visit(child);
    }
  }

  /**
   * `a && b && c` nests lists down their first child, one level per command; walking that
   * spine in a loop keeps long chains from counting as nesting.
   */
  private visitList(node: Node, topLevel: boolean): void {
    const levels: { node: Node; topLevel: boolean }[] = [];
    let current: Node | null = node;
    let flag = topLevel;
    while (current?.type === 'list') {
      flag &&= current.children.every((c) => !c || c.isNamed || c.type === '&&' || c.type === ';');
      levels.push({ node: current, topLevel: flag });
      current = current.firstNamedChild;
    }
    const innermost = levels[levels.length - 1];
    if (current) this.visit(current, innermost.topLevel);
    for (let i = levels.length - 1; i >= 0; i--) {
      const rest = levels[i].node.namedChildren.slice(1);
      for (const child of rest) if (child) this.visit(child, levels[i].topLevel);
    }
  }

  private readRedirected(node: Node, topLevel: boolean): void {
    const redirects: ShellRedirect[] = [];
    for (const child of node.namedChildren) {
      if (child && (child.type === 'file_redirect' || child.type === 'heredoc_redirect' || child.type === 'herestring_redirect')) {
        redirects.push(this.readRedirect(child));
      }
    }
    const body = node.childForFieldName('body');
    if (body?.type === 'command') this.readCommand(body, redirects, topLevel);
    else if (body) {
      this.visit(body);
      if (redirects.length) this.pushCommand(null, [], [], redirects, node, false);
    } else if (redirects.length) this.pushCommand(null, [], [], redirects, node, false);
  }

  private readCommand(node: Node, outerRedirects: ShellRedirect[], topLevel: boolean): void {
    const assignments: ShellAssignment[] = [];
    const redirects = [...outerRedirects];
    let name: ShellWord | null = null;
    const args: ShellWord[] = [];
    const nested: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      // Every property read crosses into WebAssembly: read the type once.
      const type = child.type;
      const text = child.text;
      if (type === 'variable_assignment') assignments.push(this.readAssignment(child));
      else if (type === 'file_redirect' || type === 'herestring_redirect') redirects.push(this.readRedirect(child));
      else if (type === 'command_name') {
        const word = child.firstNamedChild;
        if (word) name = this.readWord(word);
      } else if (type !== 'comment') args.push(this.readWord(child, type, text));
      if (mayHoldSubstitution(text)) collectSubstitutions(child, nested);
    }
    this.pushCommand(name, args, assignments, redirects, node, topLevel);
    for (const substitution of nested) for (const inner of substitution.namedChildren) if (inner) this.visit(inner);
  }

  private pushCommand(
    name: ShellWord | null,
    args: ShellWord[],
    assignments: ShellAssignment[],
    redirects: ShellRedirect[],
    node: Node,
    topLevel: boolean,
  ): void {
    this.commands.push({ name, args, assignments, redirects, span: this.span(node), text: node.text, topLevel });
  }

  private pushAssignments(assignments: ShellAssignment[], node: Node, topLevel: boolean): void {
    this.pushCommand(null, [], assignments, [], node, topLevel);
  }

  private readAssignment(node: Node): ShellAssignment {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const value = valueNode ? this.readWord(valueNode) : null;
    const name = nameNode?.text ?? '';
    if (name) this.local.set(name, value?.dynamic ? `\${${name}}` : (value?.value ?? ''));
    if (value?.dynamic) this.local.delete(name);
    return { name, value, span: this.span(node) };
  }

  private readRedirect(node: Node): ShellRedirect {
    let operator = '';
    let target: ShellWord | null = null;
    let heredocBody: ShellRedirect['heredocBody'] = null;
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child) continue;
      if (!child.isNamed) {
        if (!operator) operator = child.text;
      } else if (child.type === 'heredoc_body') {
        heredocBody = { text: child.text, span: this.span(child) };
      } else if (child.type === 'file_redirect') {
        // `cat <<EOF > file`: the file redirect nests inside the here-document redirect.
        const inner = this.readRedirect(child);
        if (!target) target = inner.target;
        if (operator === '<<' || operator === '<<-') operator = inner.operator;
      } else if (child.type !== 'heredoc_start' && child.type !== 'heredoc_end' && child.type !== 'file_descriptor' && !target) {
        target = this.readWord(child);
      }
    }
    return { operator, target, heredocBody, span: this.span(node) };
  }

  /** Reads a word; callers that already read the node's type and text pass them along. */
  readWord(node: Node, type = node.type, text = node.text): ShellWord {
    const { value, dynamic } = this.evaluate(node, type, text);
    return {
      value,
      raw: text,
      span: this.span(node),
      dynamic,
      quoted: type === 'string' || type === 'raw_string',
    };
  }

  private evaluate(node: Node, type: string, text: string): { value: string; dynamic: boolean } {
    switch (type) {
      case 'raw_string':
        return { value: text.slice(1, -1), dynamic: false };
      case 'ansi_c_string':
        return { value: text.slice(2, -1), dynamic: false };
      case 'simple_expansion':
      case 'expansion':
        return this.expand(node, type, text);
      case 'command_substitution':
      case 'arithmetic_expansion':
      case 'process_substitution':
        return { value: text, dynamic: true };
      case 'string':
        return this.evaluateParts(node, text, 1, 1, true);
      default:
        return this.evaluateParts(node, text, 0, 0, false);
    }
  }

  /** Evaluates a node's text, replacing expansion children by their values. */
  private evaluateParts(
    node: Node,
    text: string,
    openLength: number,
    closeLength: number,
    doubleQuoted: boolean,
  ): { value: string; dynamic: boolean } {
    const end = text.length - closeLength;
    // A leaf (most words) has no parts: skip building its child list in WebAssembly.
    if (node.namedChildCount === 0)
      return { value: unescape(text.slice(openLength, Math.max(openLength, end)), doubleQuoted), dynamic: false };
    const base = node.startIndex;
    let cursor = openLength;
    let value = '';
    let dynamic = false;
    for (const child of node.namedChildren) {
      if (!child) continue;
      const type = child.type;
      const isExpansion = EXPANSIONS.has(type);
      const isNestedWord =
        !doubleQuoted && (type === 'string' || type === 'raw_string' || type === 'ansi_c_string' || type === 'concatenation');
      if (!isExpansion && !isNestedWord) continue;
      const from = child.startIndex - base;
      const to = child.endIndex - base;
      if (from < cursor || to > end) continue;
      value += unescape(text.slice(cursor, from), doubleQuoted);
      const inner = this.evaluate(child, type, text.slice(from, to));
      value += inner.value;
      dynamic ||= inner.dynamic;
      cursor = to;
    }
    value += unescape(text.slice(cursor, Math.max(cursor, end)), doubleQuoted);
    return { value, dynamic };
  }

  private expand(node: Node, type: string, written: string): { value: string; dynamic: boolean } {
    const nameNode = node.namedChildren.find((c) => c?.type === 'variable_name' || c?.type === 'special_variable_name');
    const name = nameNode?.text ?? '';
    const known = this.local.has(name) ? this.local.get(name) : this.lookup(name);
    if (type === 'simple_expansion' || written === `\${${name}}`) {
      return known === undefined ? { value: written, dynamic: true } : { value: known, dynamic: known.includes('${') };
    }
    const operator = written.slice(2 + name.length).match(/^(:?[-=+?])/)?.[1];
    if (operator) {
      const operand = written.slice(2 + name.length + operator.length, -1);
      const empty = known === undefined || (operator.startsWith(':') && known === '');
      if (operator.endsWith('-') || operator.endsWith('=')) {
        return empty ? { value: operand, dynamic: operand.includes('$') } : { value: known!, dynamic: false };
      }
      if (operator.endsWith('+')) {
        if (known === undefined) return { value: written, dynamic: true };
        return empty ? { value: '', dynamic: false } : { value: operand, dynamic: operand.includes('$') };
      }
    }
    return { value: written, dynamic: true };
  }

  private span(node: Node): Span {
    return toDocumentSpan(this.source, node.startIndex, node.endIndex);
  }
}

/**
 * False when a text cannot hold a command or process substitution: each starts with `$(`, a
 * backquote, `<(` or `>(`. Most words hold none, and the walk below would cross into
 * WebAssembly for every node under them.
 */
function mayHoldSubstitution(text: string): boolean {
  return text.includes('$(') || text.includes('`') || text.includes('<(') || text.includes('>(');
}

/** Finds the outermost substitutions under a node, in source order, without recursion. */
function collectSubstitutions(node: Node, into: Node[]): void {
  const pending: Node[] = [node];
  while (pending.length) {
    const next = pending.pop()!;
    if (next.type === 'command_substitution' || next.type === 'process_substitution') {
      into.push(next);
      continue;
    }
    const children = next.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) if (children[i]) pending.push(children[i]!);
  }
}

/** Removes the backslashes of escapes, as the shell does outside and inside double quotes. */
function unescape(text: string, doubleQuoted: boolean): string {
  if (!text.includes('\\')) return text;
  if (doubleQuoted) return text.replace(/\\([$`"\\\n])/g, '$1');
  return text.replace(/\\(.)/gs, '$1');
}
