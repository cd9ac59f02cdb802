// Finds every regular expression in the TypeScript sources with the compiler API: regex
// literals, `RegExp(...)` / `new RegExp(...)` calls with their pattern written out or built
// from a template (whose interpolations are reported for review), and the `pattern: '...'`
// strings of JSON schemas, which the config validator compiles.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One regular expression found in the sources. */
export interface FoundRegex {
  /** `path:line` relative to the scanned root. */
  where: string;
  /** The pattern, with each template interpolation replaced by `a`. */
  source: string;
  flags: string;
  /** Source text of the template interpolations (empty for fixed patterns). */
  interpolations: string[];
  /** True when the pattern is neither a literal nor a template: it cannot be checked. */
  opaque: boolean;
}

function typescriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function literalText(node: ts.Expression | undefined): string | null {
  if (!node) return '';
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  return null;
}

/** Every regex in the .ts files under `root`, in file order. */
export function findRegexes(root: string): FoundRegex[] {
  const found: FoundRegex[] = [];
  for (const path of typescriptFiles(root).sort()) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node): string => `${relative(root, path)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText();
        const slash = text.lastIndexOf('/');
        found.push({ where: where(node), source: text.slice(1, slash), flags: text.slice(slash + 1), interpolations: [], opaque: false });
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        const [pattern, flagsArgument] = node.arguments ?? [];
        const flags = literalText(flagsArgument) ?? '';
        const fixed = literalText(pattern);
        if (fixed !== null) found.push({ where: where(node), source: fixed, flags, interpolations: [], opaque: false });
        else if (pattern && ts.isTemplateExpression(pattern)) {
          const source = pattern.head.text + pattern.templateSpans.map((span) => `a${span.literal.text}`).join('');
          const interpolations = pattern.templateSpans.map((span) => span.expression.getText());
          found.push({ where: where(node), source, flags, interpolations, opaque: false });
        } else found.push({ where: where(node), source: pattern?.getText() ?? '', flags, interpolations: [], opaque: true });
      } else if (ts.isPropertyAssignment(node) && node.name.getText() === 'pattern' && ts.isStringLiteral(node.initializer)) {
        found.push({ where: where(node), source: node.initializer.text, flags: '', interpolations: [], opaque: false });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}
