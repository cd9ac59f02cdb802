// The published schema: in sync with config/schema.ts, a valid draft-07 schema, and it
// agrees with our own validator (ajv serves as an independent oracle here).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { configSchema } from '../../server/src/config/schema';
import { validateAgainstSchema } from '../../server/src/config/validate';
import { FORMATTERS } from '../../server/src/outputs/index';
import { SCHEMA_PATH, schemaText } from '../../scripts/generate/schema';

const schema = configSchema(FORMATTERS.map((f) => f.name));

describe('config/schema', () => {
  it('schema/muslcheck.schema.json is up to date (npm run generate)', async () => {
    assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), await schemaText());
  });

  it('is a valid draft-07 schema', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors));
    ajv.compile(schema);
  });

  it('accepts and rejects the same documents as ajv', () => {
    const validate = new Ajv({ allErrors: true }).compile(schema);
    const samples = [
      '{}',
      'ignored: [MC1002]',
      'ignored: [MC1002, MC1002]',
      'ignored: [MC9999]',
      'override: {error: [MC1001], fatal: [MC1002]}',
      'failure-threshold: none',
      'failure-threshold: 3',
      'no-fail: true',
      'no-fail: 1',
      'build-args: {A: "1", b_2: x}',
      'build-args: {"1A": x}',
      'build-args: {A: 1}',
      'images: [{image: a/b, libc: musl, reason: r}]',
      'images: [{image: a/b, libc: musl}]',
      'images: [{image: "a b", libc: musl, reason: r}]',
      'images: [{image: a/b, libc: bionic, reason: r}]',
      'images: [{image: a/b, libc: glibc, reason: r, extra: 1}]',
      'format: gitlab',
      'colour: true',
      '$schema: x',
    ];
    for (const sample of samples) {
      const value = parseYaml(sample);
      assert.equal(validateAgainstSchema(value, schema).length === 0, validate(value), sample);
    }
  });

  it('names every rule code so editors can complete them', () => {
    const codes = (schema.properties!.ignored.items!.enum ?? []) as string[];
    assert.ok(codes.includes('MC0001') && codes.includes('MC1002'));
    assert.deepEqual(
      JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'muslcheck.schema.json'), 'utf8')).properties.ignored.items.enum,
      codes,
    );
  });
});
