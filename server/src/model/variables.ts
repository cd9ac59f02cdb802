// Docker's own variable substitution in FROM, ARG, ENV, COPY and ADD: `$VAR`, `${VAR}`,
// `${VAR:-default}`, `${VAR:+alternative}` and their colon-less forms.

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
}

/** Substitutes variables the way BuildKit does, keeping unknown ones as written. */
export function substitute(text: string, scope: VariableScope, escapeChar = '\\'): Substitution {
  const unresolved: string[] = [];
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
      value += expandBraced(text.slice(i + 2, close), text.slice(i, close + 1), scope, unresolved, escapeChar);
      i = close + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1))?.[0];
    if (!name) {
      value += c;
      i++;
      continue;
    }
    const known = scope.get(name);
    if (known === undefined) {
      unresolved.push(name);
      value += `$${name}`;
    } else value += known;
    i += 1 + name.length;
  }
  return { value, unresolved };
}

function findClosingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandBraced(inner: string, written: string, scope: VariableScope, unresolved: string[], escapeChar: string): string {
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(inner)?.[0];
  if (!name) return written;
  const known = scope.get(name);
  const rest = inner.slice(name.length);
  if (!rest) {
    if (known === undefined) {
      unresolved.push(name);
      return written;
    }
    return known;
  }
  const operator = /^:?[-+]/.exec(rest)?.[0];
  if (!operator) {
    if (known === undefined) unresolved.push(name);
    return known ?? written;
  }
  const operand = substitute(rest.slice(operator.length), scope, escapeChar);
  // `:-` and `:+` treat an empty value as unset; `-` and `+` only an undeclared one.
  const empty = known === undefined || (operator.startsWith(':') && known === '');
  if (operator.endsWith('-')) {
    if (!empty) return known!;
    unresolved.push(...operand.unresolved);
    return operand.value;
  }
  if (empty) return '';
  unresolved.push(...operand.unresolved);
  return operand.value;
}
