// Keeps the rule docs from drifting: the generated header of each docs/rules/<CODE>.md (a
// skeleton page for a new rule) and the rules tables of docs/rules/README.md and README.md
// come from the rules' meta. It also checks the fixed H2 headings and runs every example
// (the `Example` Dockerfile must raise exactly its code, the `Use instead` one must be clean).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, initAnalyzer, isAnalyzerReady, type AnalyzeOptions } from '../../server/src/analyze';
import type { ElfInfo } from '../../server/src/parse/elf';
import type { Rule } from '../../server/src/rules/types';
import { readOrNull, ROOT, type GeneratedFile, type TargetResult } from './files';

/** The folder of the rule pages. */
export const RULE_DOCS_DIR = join(ROOT, 'docs', 'rules');

/** The hand-written sections every rule page has, in this order. */
export const SECTIONS = ['What it flags', 'Why it matters', 'Example', 'Use instead', 'Fix', 'Suppress', 'References'] as const;

// `docs:gen` is an alias of `generate`; the marker keeps its name so pages need no rewrite.
const BEGIN = '<!-- begin generated: edit the rule meta and run npm run docs:gen -->';
const END = '<!-- end generated -->';

/** The generated block at the top of a rule page. */
export function ruleHeader(rule: Rule): string {
  const { meta } = rule;
  return [
    BEGIN,
    `# ${meta.code}: ${meta.slug}`,
    '',
    `> ${meta.summary}`,
    '',
    '| Code | Slug | Default severity | Fixable | Since |',
    '|---|---|---|---|---|',
    `| \`${meta.code}\` | \`${meta.slug}\` | ${meta.severity} | ${meta.fixable} | ${meta.since} |`,
    END,
  ].join('\n');
}

/** The generated rules table of docs/rules/README.md (links relative to `linkPrefix`). */
export function rulesTable(rules: readonly Rule[], linkPrefix = ''): string {
  const rows = rules.map(
    ({ meta }) =>
      `| [${meta.code}](${linkPrefix}${meta.code}.md) | \`${meta.slug}\` | ${meta.severity} | ${meta.fixable} | ${meta.summary.replace(/\|/g, '\\|')} |`,
  );
  return [BEGIN, '| Code | Slug | Severity | Fixable | What it flags |', '|---|---|---|---|---|', ...rows, END].join('\n');
}

function skeleton(rule: Rule): string {
  const body = SECTIONS.map((s) =>
    s === 'Example' || s === 'Use instead' ? `## ${s}\n\n\`\`\`dockerfile\nTODO\n\`\`\`\n` : `## ${s}\n\nTODO\n`,
  );
  return `${ruleHeader(rule)}\n\n${body.join('\n')}`;
}

/** Replaces the generated block of a page; null when the markers are missing. */
function withBlock(text: string, block: string): string | null {
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) return null;
  return text.slice(0, begin) + block + text.slice(end + END.length);
}

/** The body of each H2 section. */
function sections(text: string): Map<string, string> {
  const result = new Map<string, string>();
  const parts = text.split(/^## /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    result.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return result;
}

function dockerfileBlock(section: string | undefined): string | null {
  const match = /```dockerfile\r?\n([\s\S]*?)```/.exec(section ?? '');
  return match ? match[1] : null;
}

/** Examples run with every rule on, including the opt-in report of unused pragmas. */
const EXAMPLE_OPTIONS: AnalyzeOptions = { reportUnusedPragmas: true };

/** A build context whose `bin/server` is the given ELF file, for rules that read context files. */
function contextWith(elf: Partial<ElfInfo>): AnalyzeOptions {
  const info: ElfInfo = {
    bits: 64,
    endian: 'little',
    osabi: 0,
    type: 3,
    machine: 62,
    machineName: 'x86-64',
    linking: 'dynamic',
    interpreter: null,
    needed: [],
    soname: null,
    pie: true,
    versionNeeds: [],
    problems: [],
    wanted: null,
    bytesRequested: 0,
    ...elf,
  };
  const matches = new Map([['bin/server', { files: 1, elf: [{ path: 'bin/server', elf: info }] }]]);
  return { ...EXAMPLE_OPTIONS, contextFacts: { root: '.', matches, filesVisited: 1, bytesRead: 0, limit: null } };
}

/** The options each rule's Example and "Use instead" run with: what their build context holds. */
const PAGE_OPTIONS: Readonly<Record<string, { example: AnalyzeOptions; instead: AnalyzeOptions }>> = {
  MC2003: {
    example: contextWith({
      interpreter: '/lib64/ld-linux-x86-64.so.2',
      needed: ['libc.so.6'],
      versionNeeds: [{ file: 'libc.so.6', versions: ['GLIBC_2.2.5', 'GLIBC_2.34'] }],
    }),
    instead: contextWith({ type: 2, linking: 'static', pie: false }),
  },
};

/** Checks one page's headings and runs its examples; returns the problems found. */
export function checkExamples(rule: Rule, text: string): string[] {
  const code = rule.meta.code;
  const problems: string[] = [];
  const found = sections(text);
  const headings = [...found.keys()];
  if (headings.join('|') !== SECTIONS.join('|')) {
    problems.push(`${code}.md: H2 headings are [${headings.join(', ')}], expected [${SECTIONS.join(', ')}]`);
  }
  for (const [name, body] of found) {
    if (/^TODO$/m.test(body)) problems.push(`${code}.md: section "${name}" is still TODO`);
  }
  // The examples of a rule that reads built images are Dockerfiles whose text cannot raise it.
  const example = dockerfileBlock(found.get('Example'));
  if (example === null) problems.push(`${code}.md: "Example" has no \`\`\`dockerfile block`);
  else if (rule.meta.input !== 'image') {
    const codes = analyze(example, PAGE_OPTIONS[code]?.example ?? EXAMPLE_OPTIONS).findings.map((f) => f.code);
    if (!codes.length || codes.some((c) => c !== code)) {
      problems.push(`${code}.md: the Example must raise only ${code}, it raises [${codes.join(', ') || 'nothing'}]`);
    }
  }
  const instead = dockerfileBlock(found.get('Use instead'));
  if (instead === null) problems.push(`${code}.md: "Use instead" has no \`\`\`dockerfile block`);
  else if (rule.meta.input !== 'image') {
    const codes = analyze(instead, PAGE_OPTIONS[code]?.instead ?? EXAMPLE_OPTIONS).findings.map((f) => f.code);
    if (codes.length) problems.push(`${code}.md: the "Use instead" example must be clean, it raises [${codes.join(', ')}]`);
  }
  return problems;
}

/** Loads the shell grammar from the tree-sitter-bash package (no build needed), to run the examples. */
export async function initForDocs(): Promise<void> {
  if (!isAnalyzerReady()) await initAnalyzer({ grammar: readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')) });
}

/** The rule pages and both rules tables, and the problems of the pages' examples and headings. */
export function docsTarget(rules: readonly Rule[]): TargetResult {
  const files: GeneratedFile[] = [];
  const problems: string[] = [];
  for (const rule of rules) {
    const path = join(RULE_DOCS_DIR, `${rule.meta.code}.md`);
    const before = readOrNull(path);
    const after = before === null ? skeleton(rule) : withBlock(before, ruleHeader(rule));
    if (after === null) {
      problems.push(`${rule.meta.code}.md: the generated block markers are missing`);
      continue;
    }
    files.push({ path, before, after });
    problems.push(...checkExamples(rule, after));
  }
  const tables: [path: string, linkPrefix: string][] = [
    [join(RULE_DOCS_DIR, 'README.md'), ''],
    // The project README carries the same table, linking into docs/rules.
    [join(ROOT, 'README.md'), 'docs/rules/'],
  ];
  for (const [path, linkPrefix] of tables) {
    const before = readOrNull(path);
    const after = before === null ? null : withBlock(before, rulesTable(rules, linkPrefix));
    if (before === null || after === null) problems.push(`${path.slice(ROOT.length + 1)}: missing, or its generated block markers are`);
    else files.push({ path, before, after });
  }
  return { files, problems };
}
