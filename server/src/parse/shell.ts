// Reads shell scripts with tree-sitter-bash (WebAssembly, so the same code runs in Node, a
// browser and VS Code for the Web) and turns them into simple commands whose words carry
// their quote-removed, variable-expanded value and their exact document span. Reading
// (shell-syntax.ts) and resolving (shell-resolve.ts) are separate steps, so a ParseCache can
// reuse a script's reading wherever the same text appears.
import { Parser, Language } from 'web-tree-sitter';
import type { ExpansionLimits } from './limits';
import { MAX_CACHED_TEXT, type BoundedCache } from './bounded-cache';
import { spaceDoubleParentheses, type ShellSource } from './shell-source';
import { detachedCopy, shiftSpan, type Span } from './text';
import { resolveScript, type ShellCommand, type ShellScript, type ShellWord, type VariableLookup } from './shell-resolve';
import { readScriptSyntax, type ScriptSyntax } from './shell-syntax';

export type { ShellAssignment, ShellCommand, ShellRedirect, ShellScript, ShellWord, VariableLookup } from './shell-resolve';

/**
 * Commands moved `by` UTF-16 units, for the same script text at another offset. A word that
 * several commands share stays one object.
 */
export function shiftCommands(commands: readonly ShellCommand[], by: number): ShellCommand[] {
  const moved = new Map<ShellWord, ShellWord>();
  const span = (s: Span): Span => shiftSpan(s, by);
  const word = (w: ShellWord): ShellWord => {
    let copy = moved.get(w);
    if (!copy) {
      copy = { value: w.value, raw: w.raw, span: span(w.span), dynamic: w.dynamic, quoted: w.quoted };
      moved.set(w, copy);
    }
    return copy;
  };
  return commands.map((c) => ({
    name: c.name && word(c.name),
    args: c.args.map(word),
    assignments: c.assignments.map((a) => ({ name: a.name, value: a.value && word(a.value), span: span(a.span) })),
    redirects: c.redirects.map((r) => ({
      operator: r.operator,
      target: r.target && word(r.target),
      heredocBody: r.heredocBody && { text: r.heredocBody.text, span: span(r.heredocBody.span) },
      span: span(r.span),
    })),
    span: span(c.span),
    text: c.text,
    topLevel: c.topLevel,
  }));
}

/** The part of a ParseCache that parsing shell scripts uses. */
export interface ScriptCache {
  readonly scripts: BoundedCache<string, ScriptSyntax>;
}

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

/**
 * Parses a script and resolves its words. With a cache, a script whose text was read before
 * costs no WebAssembly calls: only the variables and the document positions are worked out again.
 */
export function parseShell(source: ShellSource, lookup: VariableLookup, cache?: ScriptCache, limits?: ExpansionLimits): ShellScript {
  const syntax = readSyntax(source.text, cache);
  if (syntax.hasErrors) {
    // `((cmd))` is two subshells to sh, dash and BusyBox ash (Docker's /bin/sh) but arithmetic
    // to bash, and so to tree-sitter-bash, which then reads no command: `((apk add glibc))`
    // would hide the install. When the spaced reading is clean or finds more, it is the shell's;
    // it still counts as recovered from an error, so no fix edits the RUN.
    const spaced = spaceDoubleParentheses(source);
    if (spaced) {
      const again = readSyntax(spaced.text, cache);
      if (!again.hasErrors || again.commands.length > syntax.commands.length || (again.tooDeep && !syntax.tooDeep)) {
        return resolveScript({ ...again, hasErrors: true }, spaced, lookup, limits);
      }
    }
  }
  return resolveScript(syntax, source, lookup, limits);
}

function readSyntax(text: string, cache: ScriptCache | undefined): ScriptSyntax {
  if (!cache) return parseSyntax(text);
  const cached = cache.scripts.get(text);
  if (cached) return cached;
  // The record's strings are slices of the text it was read from: a copy of its own keeps the
  // document the script came from from staying alive in the cache.
  const own = detachedCopy(text);
  const syntax = parseSyntax(own);
  if (own.length <= MAX_CACHED_TEXT) cache.scripts.set(own, syntax);
  return syntax;
}

function parseSyntax(text: string): ScriptSyntax {
  if (!parser) throw new Error('muslcheck: the shell parser is not initialised; call initAnalyzer() first');
  // tree-sitter reads NUL as the end of input and recovers from it very slowly (20,000 NULs
  // took 14 s), and skips a byte order mark at the start, which the shell reads as part of the
  // first word. It reads U+FFFD instead: one UTF-16 unit too, so every offset stays the same,
  // and the reader takes every text from the script as written.
  const tree = parser.parse(text.includes('\0') || text.startsWith('\uFEFF') ? text.replace(/^\uFEFF|\0/g, '\uFFFD') : text);
  if (!tree) return { commands: [], steps: [], wordCount: 0, hasErrors: true, tooDeep: null };
  try {
    return readScriptSyntax(tree.rootNode, text, tree.rootNode.hasError);
  } finally {
    tree.delete();
  }
}
