// The table of MC2002's catalog of glibc-only downloads in docs/rules/MC2002.md, between its
// catalog markers, from server/src/knowledge/glibc-downloads.
import { join } from 'node:path';
import { GLIBC_CATALOG, type GlibcCatalogFacts } from '../../server/src/knowledge/glibc-downloads';
import { readOrNull, ROOT, type TargetResult } from './files';

/** The page that holds the table. */
export const CATALOG_PAGE = join(ROOT, 'docs', 'rules', 'MC2002.md');

const BEGIN = '<!-- begin generated catalog: edit server/src/knowledge/glibc-downloads and run npm run generate -->';
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

/** The generator target: MC2002's page with the catalog table up to date. */
export function glibcCatalogTarget(): TargetResult {
  const before = readOrNull(CATALOG_PAGE);
  const after = before === null ? null : withCatalogTable(before);
  if (before === null || after === null) return { files: [], problems: [`${CATALOG_PAGE}: the catalog markers are missing`] };
  return { files: [{ path: CATALOG_PAGE, before, after }], problems: [] };
}
