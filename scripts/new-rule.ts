// Scaffolds a rule: its file in server/src/rules/ (registered by existing), its fixture
// folder test/rules/<CODE>/ with a test, and then runs the generator, which writes the doc
// page skeleton and everything derived from the meta (registry, schema, settings, tables).
// The scaffold's tests fail until the rule, its cases and its page are written: a new rule
// cannot pass as done by accident.
//   npm run new-rule -- MC1007 glibc-loader-symlink
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { RETIRED_CODES } from '../server/src/rules/retired';
import { generate } from './generate';
import { ROOT } from './generate/files';
import { RULE_FILE, ruleFileNames, RULES_DIR } from './generate/rules-index';

/** Where the fixture folders are. */
const RULES_TEST_DIR = join(ROOT, 'test', 'rules');

/** The files of a new rule, by path, or the reason it cannot be made. */
export function scaffold(code: string, slug: string, existing: readonly string[], version: string): Map<string, string> | string {
  if (!/^MC\d{4}$/.test(code)) return `the code must look like MC1007, got ${JSON.stringify(code)}`;
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return `the slug must be kebab-case and name the pattern, got ${JSON.stringify(slug)}`;
  if (RETIRED_CODES.includes(code)) return `${code} is retired, and codes are never reused`;
  for (const file of existing) {
    const [, fileCode, fileSlug] = RULE_FILE.exec(file)!;
    if (fileCode === code.toLowerCase()) return `${code} is taken by ${file}`;
    if (fileSlug === slug) return `the slug ${slug} is taken by ${file}`;
  }
  const rule = `// ${code}: TODO: the pattern it flags, in one line, and why it is worth a rule.
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: '${code}',
    slug: '${slug}',
    severity: 'warning',
    summary: 'TODO: one line for rule lists, SARIF and hovers',
    explanation: 'TODO: a few sentences on why it breaks, for hovers and the docs.',
    fixable: 'never',
    since: '${version}',
  },
  // TODO: check(context): find the pattern in context.model, context.report({ span, message, fixes }).
  check() {},
};
`;
  const test = `// ${code} ${slug}: TODO: what these cases show.
import { fixtureTester, ruleTester } from '../helpers';

ruleTester('${code}', {
  valid: [
    // TODO: near-misses it must not flag (the right way, a comment that mentions the pattern).
    'FROM alpine:3.20\\nRUN apk add --no-cache gcompat\\n',
  ],
  invalid: [
    {
      name: 'TODO: the pattern',
      code: 'FROM alpine:3.20\\nRUN true\\n',
      errors: [{ code: '${code}', line: 2, column: 1 }],
    },
  ],
});

fixtureTester('${code}');
`;
  const folder = join(RULES_TEST_DIR, code);
  return new Map([
    [join(RULES_DIR, `${code.toLowerCase()}-${slug}.ts`), rule],
    [join(folder, `${code}.test.ts`), test],
    [
      join(folder, 'bad-example.Dockerfile'),
      `FROM alpine:3.20\n# TODO: a Dockerfile that raises ${code}; then run UPDATE_GOLDEN=1 on its test\n`,
    ],
    [join(folder, 'ok-example.Dockerfile'), `FROM alpine:3.20\n# TODO: a near-miss that ${code} must not flag\n`],
  ]);
}

async function main(): Promise<void> {
  const [code, slug] = process.argv.slice(2).filter((a) => a !== '--');
  if (!code || !slug) {
    process.stderr.write('usage: npm run new-rule -- <code> <slug>   (e.g. MC1007 glibc-loader-symlink)\n');
    process.exitCode = 2;
    return;
  }
  const { version } = JSON.parse(readFileSync(join(ROOT, 'server', 'package.json'), 'utf8')) as { version: string };
  const files = scaffold(code.toUpperCase(), slug, ruleFileNames(), version);
  if (typeof files === 'string') {
    process.stderr.write(`muslcheck new-rule: ${files}\n`);
    process.exitCode = 1;
    return;
  }
  for (const path of files.keys()) {
    if (existsSync(path)) {
      process.stderr.write(`muslcheck new-rule: ${relative(ROOT, path)} exists already\n`);
      process.exitCode = 1;
      return;
    }
  }
  for (const [path, text] of files) {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    process.stdout.write(`created: ${relative(ROOT, path)}\n`);
  }
  const report = await generate('write');
  for (const path of report.stale) process.stdout.write(`updated: ${path}\n`);
  process.stdout.write(
    `\nNext: write the rule and its cases, fill in docs/rules/${code.toUpperCase()}.md, run npm run generate, and\n` +
      `UPDATE_GOLDEN=1 npx mocha --no-config -r tsx/cjs --extension ts test/rules/${code.toUpperCase()}/*.test.ts\n` +
      'What is still TODO:\n',
  );
  for (const problem of report.problems) process.stdout.write(`  ${problem}\n`);
}

if (require.main === module) void main();
