// Reads a tree-sitter-bash tree into a plain syntax record that depends only on the script
// text: offsets are script offsets and variables are not yet expanded. Because it holds no
// document positions and no variable values, one record serves every RUN with the same text
// (see ParseCache), and re-reading an unchanged RUN costs no WebAssembly calls.
import type { Node } from 'web-tree-sitter';

/** An expansion inside a word, resolved later against the variables in scope. */
export interface ExpansionSyntax {
  name: string;
  /** The expansion as written (`$A`, `${A:-x}`, `$(cmd)`). */
  written: string;
  /** `$A` or `${A}`: the value is the variable's. */
  plain: boolean;
  /** The operator of `${A:-x}` and friends (`:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`), else ''. */
  operator: string;
  operand: string;
  /** A command, arithmetic or process substitution: never known statically. */
  opaque: boolean;
}

/** A word before expansion: its literal parts (already quote-removed) and its expansions. */
export interface WordSyntax {
  /** The word's number in the script (0 to wordCount - 1), which indexes its resolved value. */
  id: number;
  raw: string;
  start: number;
  end: number;
  quoted: boolean;
  parts: (string | ExpansionSyntax)[];
  /** The value when the word has no expansion (most words), else null. */
  literal: string | null;
}

export interface AssignmentSyntax {
  name: string;
  value: WordSyntax | null;
  start: number;
  end: number;
}

export interface RedirectSyntax {
  operator: string;
  target: WordSyntax | null;
  heredocBody: { text: string; start: number; end: number } | null;
  start: number;
  end: number;
}

export interface CommandSyntax {
  name: WordSyntax | null;
  args: WordSyntax[];
  assignments: AssignmentSyntax[];
  redirects: RedirectSyntax[];
  start: number;
  end: number;
  text: string;
  topLevel: boolean;
}

/**
 * A step of evaluation, in the order the shell meets it: a word to expand, or an assignment
 * that changes what later words expand to.
 */
export type EvaluationStep = { word: WordSyntax } | { assignment: AssignmentSyntax };

/** A script's commands (outer before nested), and the order in which to evaluate its words. */
export interface ScriptSyntax {
  commands: CommandSyntax[];
  steps: EvaluationStep[];
  /** How many words the script has; their `id`s run from 0 to this. */
  wordCount: number;
  hasErrors: boolean;
  /** The first part of the script nested deeper than MAX_SHELL_NESTING, left unread, or null. */
  tooDeep: { start: number; end: number } | null;
}

/**
 * How deep substitutions and compound commands are followed. Real scripts nest a handful of
 * levels; hostile ones (10,000 nested `$(`) would overflow the stack. Deeper parts are left
 * unread and the script counts as having errors, so no fix edits it.
 */
export const MAX_SHELL_NESTING = 200;

const EXPANSIONS = new Set(['simple_expansion', 'expansion', 'command_substitution', 'arithmetic_expansion', 'process_substitution']);

/**
 * Reads a parsed script. `source` is the script as written: tree-sitter may have been given a
 * copy with some characters replaced (see parseShell), so texts are sliced from the source.
 * `hasError` is the tree's own recovery flag.
 */
export function readScriptSyntax(root: Node, source: string, hasError: boolean): ScriptSyntax {
  const reader = new SyntaxReader(source);
  reader.visit(root);
  return {
    commands: reader.commands,
    steps: reader.steps,
    wordCount: reader.wordCount,
    hasErrors: hasError || reader.tooDeep !== null,
    tooDeep: reader.tooDeep,
  };
}

class SyntaxReader {
  readonly commands: CommandSyntax[] = [];
  readonly steps: EvaluationStep[] = [];
  wordCount = 0;
  /** The first part of the script nested deeper than MAX_SHELL_NESTING, left unread. */
  tooDeep: { start: number; end: number } | null = null;
  private depth = 0;

  constructor(private readonly source: string) {}

  /** A node's text as written; one call into WebAssembly less than `node.text`. */
  private textOf(node: Node): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }

  visit(node: Node, topLevel = false): void {
    if (this.depth >= MAX_SHELL_NESTING) {
      this.tooDeep ??= { start: node.startIndex, end: node.endIndex };
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
        this.pushCommand(null, [], [this.readAssignment(node)], [], node, topLevel);
        return;
      case 'variable_assignments':
      case 'declaration_command': {
        const assignments = node.namedChildren.filter((c) => c?.type === 'variable_assignment') as Node[];
        this.pushCommand(
          null,
          [],
          assignments.map((a) => this.readAssignment(a)),
          [],
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
    const redirects: RedirectSyntax[] = [];
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

  private readCommand(node: Node, outerRedirects: RedirectSyntax[], topLevel: boolean): void {
    const assignments: AssignmentSyntax[] = [];
    const redirects = [...outerRedirects];
    let name: WordSyntax | null = null;
    const args: WordSyntax[] = [];
    const nested: Node[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      // Every property read crosses into WebAssembly: read the type once.
      const type = child.type;
      const text = this.textOf(child);
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
    name: WordSyntax | null,
    args: WordSyntax[],
    assignments: AssignmentSyntax[],
    redirects: RedirectSyntax[],
    node: Node,
    topLevel: boolean,
  ): void {
    this.commands.push({
      name,
      args,
      assignments,
      redirects,
      start: node.startIndex,
      end: node.endIndex,
      text: this.textOf(node),
      topLevel,
    });
  }

  private readAssignment(node: Node): AssignmentSyntax {
    const nameNode = node.childForFieldName('name');
    const valueNode = node.childForFieldName('value');
    const value = valueNode ? this.readWord(valueNode) : null;
    const assignment = { name: nameNode ? this.textOf(nameNode) : '', value, start: node.startIndex, end: node.endIndex };
    this.steps.push({ assignment });
    return assignment;
  }

  private readRedirect(node: Node): RedirectSyntax {
    let operator = '';
    let target: WordSyntax | null = null;
    let heredocBody: RedirectSyntax['heredocBody'] = null;
    for (let i = 0; i < node.childCount; i++) {
      const child = node.child(i);
      if (!child) continue;
      if (!child.isNamed) {
        if (!operator) operator = this.textOf(child);
      } else if (child.type === 'heredoc_body') {
        heredocBody = { text: this.textOf(child), start: child.startIndex, end: child.endIndex };
      } else if (child.type === 'file_redirect') {
        // `cat <<EOF > file`: the file redirect nests inside the here-document redirect.
        const inner = this.readRedirect(child);
        if (!target) target = inner.target;
        if (operator === '<<' || operator === '<<-') operator = inner.operator;
      } else if (child.type !== 'heredoc_start' && child.type !== 'heredoc_end' && child.type !== 'file_descriptor' && !target) {
        target = this.readWord(child);
      }
    }
    return { operator, target, heredocBody, start: node.startIndex, end: node.endIndex };
  }

  /** Reads a word; callers that already read the node's type and text pass them along. */
  private readWord(node: Node, type = node.type, text = this.textOf(node)): WordSyntax {
    const parts: (string | ExpansionSyntax)[] = [];
    this.collectParts(node, type, text, parts);
    const word = {
      id: this.wordCount++,
      raw: text,
      start: node.startIndex,
      end: node.endIndex,
      quoted: type === 'string' || type === 'raw_string',
      parts,
      literal: parts.every((p) => typeof p === 'string') ? parts.join('') : null,
    };
    this.steps.push({ word });
    return word;
  }

  private collectParts(node: Node, type: string, text: string, into: (string | ExpansionSyntax)[]): void {
    switch (type) {
      case 'raw_string':
        into.push(text.slice(1, -1));
        return;
      case 'ansi_c_string':
        into.push(text.slice(2, -1));
        return;
      case 'simple_expansion':
      case 'expansion':
        into.push(this.readExpansion(node, type, text));
        return;
      case 'command_substitution':
      case 'arithmetic_expansion':
      case 'process_substitution':
        into.push({ name: '', written: text, plain: false, operator: '', operand: '', opaque: true });
        return;
      case 'string':
        this.collectInnerParts(node, text, 1, 1, true, into);
        return;
      default:
        this.collectInnerParts(node, text, 0, 0, false, into);
    }
  }

  /** Splits a node's text into literal runs and the parts of its expansion and nested-word children. */
  private collectInnerParts(
    node: Node,
    text: string,
    openLength: number,
    closeLength: number,
    doubleQuoted: boolean,
    into: (string | ExpansionSyntax)[],
  ): void {
    const end = text.length - closeLength;
    // A leaf (most words) has no parts: skip building its child list in WebAssembly.
    if (node.namedChildCount === 0) {
      into.push(unescape(text.slice(openLength, Math.max(openLength, end)), doubleQuoted));
      return;
    }
    const base = node.startIndex;
    let cursor = openLength;
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
      into.push(unescape(text.slice(cursor, from), doubleQuoted));
      this.collectParts(child, type, text.slice(from, to), into);
      cursor = to;
    }
    into.push(unescape(text.slice(cursor, Math.max(cursor, end)), doubleQuoted));
  }

  private readExpansion(node: Node, type: string, written: string): ExpansionSyntax {
    const nameNode = node.namedChildren.find((c) => c?.type === 'variable_name' || c?.type === 'special_variable_name');
    const name = nameNode ? this.textOf(nameNode) : '';
    const plain = type === 'simple_expansion' || written === `\${${name}}`;
    const operator = plain ? '' : (written.slice(2 + name.length).match(/^(:?[-=+?])/)?.[1] ?? '');
    const operand = operator ? written.slice(2 + name.length + operator.length, -1) : '';
    return { name, written, plain, operator, operand, opaque: false };
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
