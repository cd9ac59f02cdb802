// Docker's own variable substitution in FROM, ARG, ENV, COPY and ADD: `$VAR`, `${VAR}`,
// `${VAR:-default}`, `${VAR:+alternative}` and their colon-less forms.
import { expansionLimitHit, MAX_EXPANDED_LENGTH, MAX_EXPANSION_NESTING, type ExpansionLimit, type ExpansionLimits } from '../parse/limits';
import type { Span } from '../parse/text';

/** Variables in scope at one point of the Dockerfile. */
export interface VariableScope {
  get(name: string): string | undefined;
}

/** Chains longer than this are flattened, so a lookup never walks far. */
const MAX_CHAIN = 32;

/**
 * A scope as a chain of small layers: each ARG or ENV adds one layer holding only what it
 * changed, instead of copying every variable, so a file of thousands of ENV lines costs
 * linear time. Every MAX_CHAIN layers the chain is flattened into one.
 */
export class ScopeChain implements VariableScope {
  private constructor(
    private readonly parent: ScopeChain | null,
    /** This layer's changes; `undefined` means the variable was unset here. */
    private readonly own: ReadonlyMap<string, string | undefined>,
    private readonly length: number,
  ) {}

  /** A scope with no variables. */
  static empty(): ScopeChain {
    return new ScopeChain(null, new Map(), 1);
  }

  get(name: string): string | undefined {
    return this.own.has(name) ? this.own.get(name) : this.parent?.get(name);
  }

  /** This scope with `changes` on top (an `undefined` value unsets the variable). */
  with(changes: ReadonlyMap<string, string | undefined>): ScopeChain {
    if (!changes.size) return this;
    if (this.length < MAX_CHAIN) return new ScopeChain(this, changes, this.length + 1);
    const flat = new Map<string, string | undefined>();
    for (const layer of this.layers()) for (const [name, value] of layer.own) flat.set(name, value);
    for (const [name, value] of changes) flat.set(name, value);
    return new ScopeChain(null, flat, 1);
  }

  /** The layers from the oldest to this one. */
  private layers(): ScopeChain[] {
    return this.parent ? [...this.parent.layers(), this] : [this];
  }
}

/** The result of a substitution. */
export interface Substitution {
  value: string;
  /** Names that had no value; they stay in the text as written. */
  unresolved: string[];
  /**
   * Set when a value was left unexpanded at a limit: the result would pass MAX_EXPANDED_LENGTH
   * or the document's expansion budget, or `${...}` nests past MAX_EXPANSION_NESTING. Its name
   * is among `unresolved`.
   */
  overLimit: ExpansionLimit | null;
}

/** What one substitution carries through nested operands. */
interface Expanding {
  unresolved: string[];
  overLimit: ExpansionLimit | null;
  limits: ExpansionLimits | undefined;
  depth: number;
}

/**
 * Substitutes variables the way BuildKit does, keeping unknown ones as written. A value that
 * would make the result longer than MAX_EXPANDED_LENGTH, or pass the budget of `limits`,
 * is kept as written too, and `overLimit` says so.
 */
export function substitute(text: string, scope: VariableScope, escapeChar = '\\', limits?: ExpansionLimits): Substitution {
  const state: Expanding = { unresolved: [], overLimit: null, limits, depth: 0 };
  const value = substituteInto(text, scope, escapeChar, state);
  return { value, unresolved: state.unresolved, overLimit: state.overLimit };
}

/** `substitute` within the document's `limits`, noting at `span` when a value was left unexpanded. */
export function substituteAt(
  text: string,
  scope: VariableScope,
  escapeChar: string,
  limits: ExpansionLimits,
  span: Span,
  what: string,
): Substitution {
  const result = substitute(text, scope, escapeChar, limits);
  if (result.overLimit) limits.note(expansionLimitHit(span, what, limits, result.overLimit));
  return result;
}

function substituteInto(text: string, scope: VariableScope, escapeChar: string, state: Expanding): string {
  let value = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === escapeChar && text[i + 1] === '$') {
      value += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      value += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = findClosingBrace(text, i + 2);
      if (close < 0) {
        value += text.slice(i);
        break;
      }
      value += expandBraced(text.slice(i + 2, close), text.slice(i, close + 1), scope, escapeChar, state, value.length);
      i = close + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
    if (!name) {
      value += c;
      i++;
      continue;
    }
    const known = within(scope.get(name), value.length, state);
    if (known === undefined) {
      state.unresolved.push(name);
      value += `$${name}`;
    } else value += known;
    i += 1 + name.length;
  }
  return value;
}

/** `known` when inserting it after `length` characters stays within the limits, else undefined. */
function within(known: string | undefined, length: number, state: Expanding): string | undefined {
  if (known === undefined || known.length === 0) return known;
  if (length + known.length > MAX_EXPANDED_LENGTH || (state.limits && !state.limits.take(known.length))) {
    state.overLimit ??= 'length';
    return undefined;
  }
  return known;
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandBraced(inner: string, written: string, scope: VariableScope, escapeChar: string, state: Expanding, length: number): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0];
  if (!name) return written;
  const declared = scope.get(name);
  const rest = inner.slice(name.length);
  if (!rest) {
    const known = within(declared, length, state);
    if (known === undefined) {
      state.unresolved.push(name);
      return written;
    }
    return known;
  }
  const operator = /^:?[-+]/.exec(rest)?.[0];
  if (!operator) {
    const known = within(declared, length, state);
    if (known === undefined) state.unresolved.push(name);
    return known ?? written;
  }
  // `:-` and `:+` treat an empty value as unset; `-` and `+` only an undeclared one.
  const empty = declared === undefined || (operator.startsWith(':') && declared === '');
  if (operator.endsWith('-') && !empty) {
    const known = within(declared, length, state);
    if (known === undefined) state.unresolved.push(name);
    return known ?? written;
  }
  if (operator.endsWith('+') && empty) return '';
  if (state.depth >= MAX_EXPANSION_NESTING) {
    state.overLimit ??= 'nesting';
    state.unresolved.push(name);
    return written;
  }
  state.depth++;
  const operand = substituteInto(rest.slice(operator.length), scope, escapeChar, state);
  state.depth--;
  if (length + operand.length > MAX_EXPANDED_LENGTH) {
    state.overLimit ??= 'length';
    state.unresolved.push(name);
    return written;
  }
  return operand;
}
