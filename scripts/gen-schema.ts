// Writes schema/muslcheck.schema.json from server/src/config/schema.ts, or with --check
// fails when the committed file differs (CI runs the check through test/config).
//   npx tsx scripts/gen-schema.ts          write
//   npx tsx scripts/gen-schema.ts --check  compare only
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { configSchema } from '../server/src/config/schema';
import { FORMATTERS } from '../server/src/outputs/index';

/** Path of the published schema. */
export const SCHEMA_PATH = join(__dirname, '..', 'schema', 'muslcheck.schema.json');

/** The schema file's text as it should be committed. */
export async function schemaText(): Promise<string> {
  const json = JSON.stringify(configSchema(FORMATTERS.map((f) => f.name)));
  const options = (await prettier.resolveConfig(SCHEMA_PATH)) ?? {};
  return prettier.format(json, { ...options, parser: 'json', filepath: SCHEMA_PATH });
}

async function main(): Promise<void> {
  const expected = await schemaText();
  if (process.argv.includes('--check')) {
    let actual = '';
    try {
      actual = readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      // A missing file is a drift like any other.
    }
    if (actual !== expected) {
      process.stderr.write(`${SCHEMA_PATH} is out of date: run npm run gen-schema\n`);
      process.exitCode = 1;
    }
    return;
  }
  writeFileSync(SCHEMA_PATH, expected);
}

if (require.main === module) void main();
