// Checks the server's module graph against its floors: imports run only downwards, modules
// never import each other in a circle, and Node's built-ins, the process and the language
// server library stay above the pure core. The test runs it on server/src and on small
// synthetic trees, so a broken rule of the checker shows as a failing test too.
import { builtinModules } from 'node:module';
import { posix } from 'node:path';
import * as ts from 'typescript';

/**
 * Floors, lowest first. A unit is a folder directly under the source root or a top-level file.
 * A module may import its own unit and units on lower floors, never a peer on its own floor.
 */
export const FLOORS: readonly (readonly string[])[] = [
  ['knowledge', 'parse', 'version.ts'],
  ['model'],
  ['fixes'],
  ['rules'],
  ['config'],
  ['analyze.ts', 'outputs'],
  ['node'],
  ['cli', 'lsp', 'index.ts'],
];

/** The lowest floor that may do I/O: Node built-ins and the process below it are forbidden. */
export const ADAPTER_UNIT = 'node';

/**
 * Node built-ins allowed below the adapters, by module, with the reason. Hashing is not I/O;
 * a browser build would swap in a pure SHA-256.
 */
export const BUILTIN_EXCEPTIONS: Readonly<Record<string, readonly string[]>> = {
  'outputs/fingerprint.ts': ['node:crypto'],
};

/** Packages only some units may use. */
export const PACKAGE_OWNERS: readonly { prefix: string; units: readonly string[] }[] = [
  { prefix: 'vscode-languageserver', units: ['lsp'] },
];

/** Globals that reach the process or the host; the pure core must not touch them. */
const HOST_GLOBALS = new Set(['process', 'Buffer', '__dirname', '__filename', 'require']);

export interface Violation {
  file: string;
  message: string;
}

interface ModuleImports {
  /** Specifiers with the position of each, for messages. */
  specifiers: { text: string; line: number }[];
  /** Host globals the module reads, with their line. */
  hostGlobals: { name: string; line: number }[];
}

/** Checks a source tree given as paths relative to its root (POSIX separators) and their text. */
export function checkLayers(files: ReadonlyMap<string, string>, floors = FLOORS): Violation[] {
  const floorOf = new Map<string, number>();
  floors.forEach((units, floor) => units.forEach((unit) => floorOf.set(unit, floor)));
  const adapterFloor = floorOf.get(ADAPTER_UNIT) ?? floors.length;
  const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  const violations: Violation[] = [];
  const graph = new Map<string, string[]>();

  for (const [file, text] of files) {
    const unit = unitOf(file);
    const floor = floorOf.get(unit);
    if (floor === undefined) {
      violations.push({ file, message: `'${unit}' is on no floor: add it to FLOORS in test/architecture/layers.ts` });
      continue;
    }
    const { specifiers, hostGlobals } = readImports(file, text);
    const edges: string[] = [];
    for (const { text: specifier, line } of specifiers) {
      const at = `${file}:${line}`;
      if (specifier.startsWith('.')) {
        const target = resolveModule(files, file, specifier);
        if (!target) {
          violations.push({ file, message: `${at}: '${specifier}' resolves to no module of the tree` });
          continue;
        }
        edges.push(target);
        const targetUnit = unitOf(target);
        if (targetUnit === unit) continue;
        const targetFloor = floorOf.get(targetUnit);
        if (targetFloor === undefined) continue;
        if (targetFloor > floor) {
          violations.push({
            file,
            message: `${at}: imports ${target} from a higher floor (${unit} ${floor} → ${targetUnit} ${targetFloor})`,
          });
        } else if (targetFloor === floor) {
          violations.push({ file, message: `${at}: imports ${target}, a peer on its own floor (${unit} → ${targetUnit})` });
        }
      } else if (nodeBuiltins.has(specifier) || nodeBuiltins.has(specifier.split('/')[0])) {
        const allowed = floor >= adapterFloor || (BUILTIN_EXCEPTIONS[file] ?? []).includes(specifier);
        if (!allowed) violations.push({ file, message: `${at}: imports Node's '${specifier}' below the adapters` });
      } else {
        const owner = PACKAGE_OWNERS.find((p) => specifier.startsWith(p.prefix));
        if (owner && !owner.units.includes(unit)) {
          violations.push({ file, message: `${at}: imports '${specifier}', which only ${owner.units.join(', ')} may use` });
        }
      }
    }
    if (floor < adapterFloor) {
      for (const { name, line } of hostGlobals) {
        violations.push({ file, message: `${file}:${line}: uses the host global '${name}' below the adapters` });
      }
    }
    graph.set(file, edges);
  }
  for (const cycle of findCycles(graph)) {
    violations.push({ file: cycle[0], message: `import cycle: ${[...cycle, cycle[0]].join(' → ')}` });
  }
  return violations;
}

/** The folder directly under the root, or the file's own name for top-level files. */
export function unitOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** Every module specifier of a file (static, type-only, re-exports, `import()`, `require`), and host globals it reads. */
function readImports(file: string, text: string): ModuleImports {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const specifiers: ModuleImports['specifiers'] = [];
  const hostGlobals: ModuleImports['hostGlobals'] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push({ text: node.moduleSpecifier.text, line: lineOf(node) });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const expression = node.moduleReference.expression;
      if (ts.isStringLiteral(expression)) specifiers.push({ text: expression.text, line: lineOf(node) });
    } else if (ts.isCallExpression(node)) {
      const [argument] = node.arguments;
      const isImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if ((isImport || isRequire) && argument && ts.isStringLiteralLike(argument)) {
        specifiers.push({ text: argument.text, line: lineOf(node) });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      specifiers.push({ text: node.argument.literal.text, line: lineOf(node) });
    }
    if (ts.isIdentifier(node) && HOST_GLOBALS.has(node.text) && readsGlobal(node)) {
      hostGlobals.push({ name: node.text, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  // A module that declares a name of its own (`const process = ...`) reads that, not the global.
  const declared = new Set<string>();
  const collect = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node) || ts.isFunctionDeclaration(node)) &&
      node.name &&
      ts.isIdentifier(node.name)
    ) {
      declared.add(node.name.text);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);
  return { specifiers, hostGlobals: hostGlobals.filter((g) => !declared.has(g.name)) };
}

/** False where the identifier is a property name, a declaration or a binding, not a read of the global. */
function readsGlobal(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return false;
  if (ts.isQualifiedName(parent) && parent.right === node) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent) || ts.isPropertyDeclaration(parent)) && parent.name === node)
    return false;
  if ((ts.isMethodDeclaration(parent) || ts.isMethodSignature(parent)) && parent.name === node) return false;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.name === node) return false;
  if ((ts.isFunctionDeclaration(parent) || ts.isClassDeclaration(parent) || ts.isInterfaceDeclaration(parent)) && parent.name === node)
    return false;
  if (ts.isImportSpecifier(parent) || ts.isExportSpecifier(parent) || ts.isImportClause(parent) || ts.isNamespaceImport(parent))
    return false;
  return true;
}

/** The tree's module a relative specifier names: the file with `.ts`, or the folder's index. */
function resolveModule(files: ReadonlyMap<string, string>, from: string, specifier: string): string | null {
  const base = posix.normalize(posix.join(posix.dirname(from), specifier));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) if (files.has(candidate)) return candidate;
  return null;
}

/** Each cycle of the graph once, as the modules on it, found by depth-first search. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const seen = state.get(next);
      if (seen === 'open') cycles.push(path.slice(path.indexOf(next)));
      else if (seen === undefined) visit(next);
    }
    path.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}
