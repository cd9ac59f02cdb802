// Writes the table of MC2002's catalog of glibc-only downloads into docs/rules/MC2002.md,
// between its catalog markers, from knowledge/glibc-downloads.
//   npx tsx scripts/gen-glibc-catalog.ts          write
//   npx tsx scripts/gen-glibc-catalog.ts --check  exit 1 when the page is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLIBC_CATALOG, type GlibcCatalogFacts } from '../server/src/knowledge/glibc-downloads';

/** The page that holds the table. */
export const CATALOG_PAGE = join(__dirname, '..', 'docs', 'rules', 'MC2002.md');

const BEGIN = '<!-- begin generated catalog: edit knowledge/glibc-downloads and run npx tsx scripts/gen-glibc-catalog.ts -->';
const END = '<!-- end generated catalog -->';

const ALTERNATIVES: Record<GlibcCatalogFacts['alternative'], string> = {
  'musl-build': 'musl build',
  'alpine-package': 'Alpine package',
  none: 'no musl build',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The generated table, markers included. */
export function catalogTable(entries: readonly GlibcCatalogFacts[] = GLIBC_CATALOG): string {
  const rows = entries.map(
    (e) =>
      `| \`${e.id}\` | ${cell(e.vendor)} | ${e.ecosystem} | ${cell(e.what)} | ${ALTERNATIVES[e.alternative]}: ${cell(e.instead)} | [source](${e.source}) |`,
  );
  return [BEGIN, '| Entry | Vendor | Ecosystem | What | On musl | Source |', '|---|---|---|---|---|---|', ...rows, END].join('\n');
}

/** The page with its table brought up to date; null when the markers are missing. */
export function withCatalogTable(page: string): string | null {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin) return null;
  return page.slice(0, begin) + catalogTable() + page.slice(end + END.length);
}

if (require.main === module) {
  const page = readFileSync(CATALOG_PAGE, 'utf8');
  const next = withCatalogTable(page);
  if (next === null) {
    process.stderr.write(`${CATALOG_PAGE}: the catalog markers are missing\n`);
    process.exit(2);
  }
  if (process.argv.includes('--check')) {
    if (next !== page) {
      process.stderr.write(`${CATALOG_PAGE}: the catalog table is out of date: run npx tsx scripts/gen-glibc-catalog.ts\n`);
      process.exit(1);
    }
  } else if (next !== page) writeFileSync(CATALOG_PAGE, next);
}
