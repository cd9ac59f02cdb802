// The extension manifest (client/package.json) against the server it ships: every rule can
// be configured in the Settings UI, defaults match what the server assumes when a client
// sends nothing, and the grammar and file names are wired up.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../server/src/lsp/features/settings';
import { RULES } from '../../server/src/rules/index';

const ROOT = join(__dirname, '..', '..');

interface Property {
  type: string | string[];
  default?: unknown;
  enum?: string[];
  properties?: Record<string, Property & { markdownDescription: string }>;
  additionalProperties?: Property;
  items?: Property;
  description?: string;
  markdownDescription?: string;
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'client', 'package.json'), 'utf8'));
const properties: Record<string, Property> = manifest.contributes.configuration.properties;
const SEVERITY_LEVELS = ['ignore', 'info', 'warning', 'error'];

describe('extension manifest', () => {
  it('contributes exactly the server settings section, each setting described', () => {
    const names = Object.keys(properties).filter((name) => name !== `${SETTINGS_SECTION}.trace.server`);
    assert.deepEqual(
      names.sort(),
      Object.keys(DEFAULT_SETTINGS)
        .map((key) => `${SETTINGS_SECTION}.${key}`)
        .sort(),
    );
    for (const [name, property] of Object.entries(properties)) {
      assert.ok(property.description || property.markdownDescription, `${name} has a description`);
    }
  });

  it('defaults every setting to what the server uses when a client sends none', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      assert.deepEqual(properties[`${SETTINGS_SECTION}.${key}`].default, value, key);
    }
  });

  it('offers a severity for every rule, and every rule in the rules list', () => {
    const codes = RULES.map((rule) => rule.meta.code);
    const severity = properties['muslcheck.severity'];
    assert.deepEqual(Object.keys(severity.properties ?? {}), codes);
    for (const rule of RULES) {
      const entry = severity.properties![rule.meta.code];
      assert.deepEqual(entry.enum, SEVERITY_LEVELS);
      assert.ok(entry.markdownDescription.includes(rule.meta.summary), `${rule.meta.code} is described by its summary`);
      assert.ok(entry.markdownDescription.includes(`\`${rule.meta.severity}\``), `${rule.meta.code} names its default severity`);
    }
    assert.deepEqual(severity.additionalProperties?.enum, SEVERITY_LEVELS);
    assert.deepEqual(properties['muslcheck.rules'].items?.enum, codes);
  });

  it('offers the trace levels vscode-languageclient reads for the muslcheck client', () => {
    assert.deepEqual(properties['muslcheck.trace.server'].enum, ['off', 'messages', 'verbose']);
  });

  it('registers the pragma grammar under the scope name the grammar declares, injected into Dockerfiles', () => {
    const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'muslcheck-pragma.injection.json'), 'utf8'));
    const [entry] = manifest.contributes.grammars;
    assert.equal(entry.scopeName, grammar.scopeName);
    assert.deepEqual(entry.injectTo, ['source.dockerfile']);
    assert.equal(entry.path, './dist/syntaxes/muslcheck-pragma.injection.json');
  });

  it('maps the Containerfile and Dockerfile name variants to the dockerfile language it activates on', () => {
    assert.deepEqual(manifest.activationEvents, ['onLanguage:dockerfile']);
    const [language] = manifest.contributes.languages;
    assert.equal(language.id, 'dockerfile');
    assert.deepEqual(language.filenames, ['Containerfile']);
    assert.deepEqual(language.extensions, ['.dockerfile', '.containerfile']);
    assert.deepEqual(language.filenamePatterns, ['Dockerfile.*']);
  });
});
