// Reads configuration text (YAML or JSON) into a ConfigLayer, checking it against the
// schema and pointing every problem at its line and column in the source. Hostile input is
// bounded: a size cap, yaml's alias limit, and limits on list lengths in the schema.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { configSchema, type JsonSchema } from './schema';
import type { ConfigError, ConfigLayer } from './types';

/** Largest configuration file accepted, in UTF-16 code units (about bytes for ASCII). */
export const MAX_CONFIG_LENGTH = 256 * 1024;

/** Most aliases (`*name`) a configuration may expand; stops billion-laughs documents. */
const MAX_ALIAS_COUNT = 100;

/** Most problems reported for one file; the first few are what a person fixes first anyway. */
const MAX_PROBLEMS = 20;

type PathSegment = string | number;

/** A schema violation, located by its path in the data. */
export interface SchemaProblem {
  path: PathSegment[];
  /** True when the key itself is wrong (unknown key), not its value. */
  atKey: boolean;
  message: string;
}

/** Parses and validates one configuration file's text; `formats` are the valid `format` values. */
export function parseConfigText(
  text: string,
  file: string,
  formats: readonly string[],
): { layer: ConfigLayer } | { errors: ConfigError[] } {
  if (text.length > MAX_CONFIG_LENGTH) {
    return { errors: [{ file, line: 1, column: 1, message: `configuration is larger than ${MAX_CONFIG_LENGTH / 1024} KiB` }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, version: '1.2' });
  const at = (offset: number): { line: number; column: number } => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length) {
    return { errors: doc.errors.slice(0, MAX_PROBLEMS).map((e) => ({ file, ...at(e.pos[0]), message: firstLine(e.message) })) };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return { errors: [{ file, line: 1, column: 1, message: `cannot read configuration: ${(error as Error).message}` }] };
  }
  // An empty file (or one with only comments) is an empty configuration.
  if (value === null || value === undefined) return { layer: {} };
  const problems = validateAgainstSchema(value, configSchema(formats));
  if (problems.length) {
    return {
      errors: problems.slice(0, MAX_PROBLEMS).map((p) => ({ file, ...at(offsetOf(doc, p)), message: describe(p) })),
    };
  }
  return { layer: value as ConfigLayer };
}

/** Checks a value against the schema subset of schema.ts; returns every problem found. */
export function validateAgainstSchema(value: unknown, schema: JsonSchema, path: PathSegment[] = []): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  const fail = (message: string, atKey = false, where = path): void => {
    problems.push({ path: where, atKey, message });
  };
  if (schema.type && typeOf(value) !== schema.type) {
    fail(`expected ${article(schema.type)}, got ${describeValue(value)}${quoteHint(schema, value)}`);
    return problems;
  }
  if (schema.enum && !schema.enum.includes(value as string | boolean)) {
    fail(`${describeValue(value)} is not one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) fail('must not be empty');
    if (schema.maxLength !== undefined && value.length > schema.maxLength) fail(`is longer than ${schema.maxLength} characters`);
    if (schema.pattern && !new RegExp(schema.pattern).test(value)) fail(`${JSON.stringify(value)} is not a valid value here`);
  }
  if (Array.isArray(value)) {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) fail(`has more than ${schema.maxItems} entries`);
    if (schema.uniqueItems) {
      const seen = new Set<unknown>();
      value.forEach((item, i) => {
        if (seen.has(item)) fail(`${describeValue(item)} is listed twice`, false, [...path, i]);
        seen.add(item);
      });
    }
    if (schema.items) value.forEach((item, i) => problems.push(...validateAgainstSchema(item, schema.items!, [...path, i])));
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) fail(`has more than ${schema.maxProperties} keys`);
    for (const key of schema.required ?? []) if (!(key in record)) fail(`missing required key '${key}'`);
    for (const key of keys) {
      const keyPath = [...path, key];
      if (schema.propertyNames) {
        for (const p of validateAgainstSchema(key, schema.propertyNames, keyPath)) fail(`key ${p.message}`, true, keyPath);
      }
      const property = schema.properties?.[key];
      if (property) problems.push(...validateAgainstSchema(record[key], property, keyPath));
      else if (schema.additionalProperties === false) fail(unknownKeyMessage(key, schema), true, keyPath);
      else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validateAgainstSchema(record[key], schema.additionalProperties, keyPath));
      }
    }
  }
  return problems;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a mapping' : `a ${type}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  return `${typeof value} ${String(value)}`;
}

/** YAML reads `3.20` as the number 3.2: say to quote it. */
function quoteHint(schema: JsonSchema, value: unknown): string {
  return schema.type === 'string' && (typeof value === 'number' || typeof value === 'boolean') ? ' (put it in quotes)' : '';
}

function unknownKeyMessage(key: string, schema: JsonSchema): string {
  const known = Object.keys(schema.properties ?? {});
  const near = known.find((k) => similar(k, key));
  return `unknown key '${key}'${near ? ` (did you mean '${near}'?)` : ''}; known keys: ${known.join(', ')}`;
}

/** Close enough to be a typo: same letters ignoring case and separators, or one edit apart. */
function similar(a: string, b: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '');
  if (norm(a) === norm(b)) return true;
  return editDistanceAtMostOne(norm(a), norm(b));
}

function editDistanceAtMostOne(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

function describe(problem: SchemaProblem): string {
  // A key problem names the mapping that holds the key; the key itself is in the message.
  const path = problem.atKey ? problem.path.slice(0, -1) : problem.path;
  if (!path.length) return problem.atKey ? problem.message : `configuration: ${problem.message}`;
  const where = path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('');
  return `${where.replace(/^\./, '')}: ${problem.message}`;
}

/** The source offset of a problem: the key for key problems, else the value. */
function offsetOf(doc: Document, problem: SchemaProblem): number {
  let node: Node | null = doc.contents as Node | null;
  let keyNode: Node | null = null;
  for (const segment of problem.path) {
    node = resolve(doc, node);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      keyNode = pair.key as Node;
      node = pair.value as Node | null;
    } else if (isSeq(node) && typeof segment === 'number') {
      keyNode = null;
      node = node.items[segment] as Node | null;
    } else break;
  }
  const target = problem.atKey && keyNode ? keyNode : (node ?? keyNode);
  return target?.range?.[0] ?? 0;
}

function resolve(doc: Document, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(doc) as Node | undefined) ?? null) : node;
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}
