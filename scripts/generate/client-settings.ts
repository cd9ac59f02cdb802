// The rule-dependent settings of the VS Code extension (client/package.json): a severity
// per rule and the rule list of `muslcheck.rules`, from the rules' meta. The rest of the
// manifest is written by hand and kept as it is.
import { join } from 'node:path';
import { SETTINGS_SECTION, SEVERITY_SETTINGS, type SeveritySetting } from '../../server/src/lsp/features/settings';
import type { Rule } from '../../server/src/rules/types';
import { readOrNull, ROOT, type TargetResult } from './files';

/** The extension manifest. */
export const CLIENT_MANIFEST = join(ROOT, 'client', 'package.json');

const SEVERITY_WORDS: Record<SeveritySetting, string> = {
  ignore: 'Do not report this rule.',
  info: 'Report as information.',
  warning: 'Report as a warning.',
  error: 'Report as an error.',
};

/** A severity setting's schema. */
function severitySchema(): Record<string, unknown> {
  return { type: 'string', enum: [...SEVERITY_SETTINGS], enumDescriptions: SEVERITY_SETTINGS.map((s) => SEVERITY_WORDS[s]) };
}

/** The manifest text with its rule-dependent settings regenerated; null if it has no such settings. */
export function clientManifest(text: string, rules: readonly Rule[]): string | null {
  const manifest = JSON.parse(text);
  const properties = manifest?.contributes?.configuration?.properties;
  const severity = properties?.[`${SETTINGS_SECTION}.severity`];
  const list = properties?.[`${SETTINGS_SECTION}.rules`];
  if (!severity || !list?.items) return null;
  severity.properties = Object.fromEntries(
    rules.map(({ meta }) => [
      meta.code,
      { ...severitySchema(), markdownDescription: `\`${meta.slug}\`: ${meta.summary} (default: \`${meta.severity}\`).` },
    ]),
  );
  severity.additionalProperties = severitySchema();
  list.items.enum = rules.map((r) => r.meta.code);
  list.items.enumDescriptions = rules.map((r) => `${r.meta.slug}: ${r.meta.summary}`);
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function clientSettingsTarget(rules: readonly Rule[]): TargetResult {
  const before = readOrNull(CLIENT_MANIFEST);
  const after = before === null ? null : clientManifest(before, rules);
  if (before === null || after === null) {
    return { files: [], problems: [`client/package.json: missing, or it has no ${SETTINGS_SECTION}.severity and .rules settings`] };
  }
  return { files: [{ path: CLIENT_MANIFEST, before, after }], problems: [] };
}
