// schema/muslcheck.schema.json, the configuration's JSON Schema for editors, from
// server/src/config/schema.ts (which lists the rule codes from the rules' meta).
import { join } from 'node:path';
import { configSchema } from '../../server/src/config/schema';
import { FORMATTERS } from '../../server/src/outputs/index';
import { formatted, readOrNull, ROOT, type TargetResult } from './files';

/** Path of the published schema. */
export const SCHEMA_PATH = join(ROOT, 'schema', 'muslcheck.schema.json');

/** The schema file's text as it should be committed. */
export async function schemaText(): Promise<string> {
  return formatted(SCHEMA_PATH, JSON.stringify(configSchema(FORMATTERS.map((f) => f.name))), 'json');
}

export async function schemaTarget(): Promise<TargetResult> {
  return { files: [{ path: SCHEMA_PATH, before: readOrNull(SCHEMA_PATH), after: await schemaText() }], problems: [] };
}
