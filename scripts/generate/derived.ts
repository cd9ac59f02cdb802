// Every target that reads the rule registry. Loaded only once the registry itself is up to
// date (see scripts/generate.ts), so a rule file added a moment ago is in RULES.
import { RULES } from '../../server/src/rules/index';
import { clientSettingsTarget } from './client-settings';
import { docsTarget, initForDocs } from './docs';
import type { TargetResult } from './files';
import { schemaTarget } from './schema';

export async function derivedTargets(): Promise<TargetResult[]> {
  await initForDocs();
  return [await schemaTarget(), clientSettingsTarget(RULES), docsTarget(RULES)];
}
