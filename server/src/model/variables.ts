// Docker's own variable substitution in FROM, ARG, ENV, COPY and ADD: `$VAR`, `${VAR}`,
// `${VAR:-default}`, `${VAR:+alternative}` and their colon-less forms.

/** Variables in scope at one point of the Dockerfile; each ARG or ENV makes a new map. */
export type VariableScope = ReadonlyMap<string, string>;

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
