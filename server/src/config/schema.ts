// The JSON Schema of `.muslcheck.yaml` / `.muslcheck.json`. It is the one description of
// the configuration: validate.ts checks files against it, `npm run generate` writes it to
// schema/muslcheck.schema.json for editors, and a test fails when that copy drifts.
import { SEVERITIES } from '../rules/types';
import { RETIRED_CODES, RULES } from '../rules/index';
import { FAILURE_THRESHOLDS } from './types';

/** The subset of JSON Schema (draft-07) the configuration uses and validate.ts understands. */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'boolean';
  enum?: readonly (string | boolean)[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  maxProperties?: number;
  properties?: Record<string, JsonSchema>;
  propertyNames?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  required?: readonly string[];
  items?: JsonSchema;
  uniqueItems?: boolean;
  default?: unknown;
}

/** Where the published schema lives. */
export const SCHEMA_ID = 'https://github.com/muslcheck/muslcheck/blob/main/schema/muslcheck.schema.json';

/** Every code a configuration may name: current rules and retired ones (so old configs keep working). */
export function knownCodes(): string[] {
  return [...RULES.map((r) => r.meta.code), ...RETIRED_CODES].sort();
}

/** Builds the schema; `formats` are the output format names the CLI offers. */
export function configSchema(formats: readonly string[]): JsonSchema {
  const code: JsonSchema = { type: 'string', enum: knownCodes(), description: 'A muslcheck rule code, such as MC1002.' };
  const codes = (description: string): JsonSchema => ({ type: 'array', items: code, uniqueItems: true, maxItems: 1000, description });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: SCHEMA_ID,
    title: 'muslcheck configuration',
    description:
      'Settings for muslcheck, read from .muslcheck.yaml, .muslcheck.yml or .muslcheck.json (nearest folder up to the repository root), then $XDG_CONFIG_HOME/muslcheck/config.yaml.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string', description: 'The schema of this file, for editors; muslcheck ignores it.' },
      ignored: codes('Rule codes never reported.'),
      override: {
        type: 'object',
        description: 'Changes the severity of rules: each key is a severity, its value the codes that get it.',
        additionalProperties: false,
        properties: Object.fromEntries(SEVERITIES.map((s) => [s, codes(`Codes reported as ${s}.`)])),
      },
      'failure-threshold': {
        type: 'string',
        enum: FAILURE_THRESHOLDS,
        default: 'style',
        description: 'Exit with status 1 only for findings at or above this severity; none never fails.',
      },
      'no-fail': { type: 'boolean', default: false, description: 'Always exit with status 0 when the run itself worked.' },
      format: { type: 'string', enum: formats, default: 'text', description: 'Output format.' },
      'build-args': {
        type: 'object',
        description:
          'Build arguments, as given to docker build --build-arg; they override ARG defaults. Quote values that look like numbers.',
        maxProperties: 1000,
        propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$', maxLength: 256 },
        additionalProperties: { type: 'string', maxLength: 65536 },
      },
      images: {
        type: 'array',
        description: 'Extra knowledge about base images: which C library an image of yours uses, and why.',
        maxItems: 1000,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['image', 'libc', 'reason'],
          properties: {
            image: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
              pattern: '^[^\\s@]+$',
              description: 'An image name (mycorp/base) or name:tag; a name matches every tag.',
            },
            libc: { type: 'string', enum: ['musl', 'glibc', 'none', 'unknown'], description: 'The C library of the image.' },
            glibcOnMusl: { type: 'boolean', default: false, description: 'True for Alpine (musl) images that have glibc added.' },
            reason: { type: 'string', minLength: 1, maxLength: 1000, description: 'Why; shown in findings and --print-stages.' },
          },
        },
      },
      'disable-ignore-pragma': {
        type: 'boolean',
        default: false,
        description: 'Ignore `# muslcheck ignore=` comments, so only central configuration decides.',
      },
      'report-unused-pragmas': {
        type: 'boolean',
        default: false,
        description: 'Report `# muslcheck ignore=` codes that suppress nothing (MC0002).',
      },
      'resolve-images': {
        type: 'boolean',
        default: false,
        description:
          "Look base images that muslcheck does not know up in their registry and lint their history (uses the network). In a repository file this is only a request: lookups need the user's consent (--resolve-images, MUSLCHECK_RESOLVE_IMAGES, the user-level configuration or the editor setting).",
      },
      offline: {
        type: 'boolean',
        default: false,
        description: 'With resolve-images: answer only from the lookup cache, never the network.',
      },
      platform: {
        type: 'string',
        default: 'linux/amd64',
        pattern: '^[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?$',
        description: 'With resolve-images: the platform picked from multi-platform images, as os/arch[/variant].',
      },
      context: {
        type: 'string',
        minLength: 1,
        maxLength: 4096,
        description:
          "The build context that COPY and ADD read from, as given to docker build: relative to the Dockerfile's folder, or absolute. Default: the Dockerfile's folder.",
      },
    },
  };
}
