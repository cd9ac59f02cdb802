// The one generator of everything derived from the rules: the registry
// (server/src/rules/index.ts, from the rule files), the configuration schema
// (schema/muslcheck.schema.json), the VS Code settings for rules (client/package.json), the
// header of each rule page and the rules tables (docs/rules/README.md, README.md), and the
// table of MC2002's glibc-download catalog (docs/rules/MC2002.md). Write
// mode also scaffolds the page of a new rule. Check mode writes nothing and fails when a
// file is out of date; test/generate.test.ts runs it, so `npm test` does too.
//   npm run generate              write (also: npm run docs:gen, npm run gen-schema)
//   npm run generate -- --check   compare only (also: npm run docs:check)
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT, type GeneratedFile, type TargetResult } from './generate/files';
import { glibcCatalogTarget } from './generate/glibc-catalog';
import { rulesIndexTarget } from './generate/rules-index';

/** What a run found: files written (or, with --check, out of date) and problems to fix by hand. */
export interface GenerateReport {
  stale: string[];
  problems: string[];
}

/** The files out of date among `files`, relative to the repository root. */
export function staleFiles(files: readonly GeneratedFile[]): string[] {
  return files.filter((f) => f.before !== f.after).map((f) => relative(ROOT, f.path));
}

/** Regenerates (write) or verifies (check) every generated file. */
export async function generate(mode: 'write' | 'check'): Promise<GenerateReport> {
  const report: GenerateReport = { stale: [], problems: [] };
  const take = (result: TargetResult): void => {
    report.stale.push(...staleFiles(result.files));
    report.problems.push(...result.problems);
    if (mode === 'write') for (const file of result.files) if (file.before !== file.after) writeFileSync(file.path, file.after);
  };
  take(await rulesIndexTarget());
  // Before the rule pages: both write docs/rules/MC2002.md, and the docs target reads it then.
  take(glibcCatalogTarget());
  // Loaded now, not at the top: the other targets read the registry just written.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { derivedTargets } = require('./generate/derived') as typeof import('./generate/derived');
  for (const result of await derivedTargets()) take(result);
  return report;
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const report = await generate(check ? 'check' : 'write');
  for (const path of report.stale) process.stdout.write(`${check ? 'out of date' : 'updated'}: ${path}\n`);
  if (check && report.stale.length) process.stderr.write('run npm run generate, and commit the result\n');
  for (const problem of report.problems) process.stderr.write(`${problem}\n`);
  if (report.problems.length || (check && report.stale.length)) process.exitCode = 1;
}

if (require.main === module) void main();
