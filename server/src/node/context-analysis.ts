// Wires the build-context reader to the analyzer: the sources of a Dockerfile's COPY/ADD
// instructions are found in a first analysis, read from the context, and handed to the
// analysis that counts.
import { dirname, resolve } from 'node:path';
import { analyze, type AnalyzeOptions } from '../analyze';
import { contextPatterns, type ContextFacts } from '../model/context-copies';
import { readContextFacts, type ContextBounds } from './context-files';

/** The rule that reads context files; nothing is read when it is ignored or not selected. */
const CONTEXT_RULE = 'MC2003';

/** The context folder of a Dockerfile: the configured one (relative to the Dockerfile's folder) or its folder. */
export function contextFolder(dockerfile: string, configured: string | null): string {
  return resolve(dirname(dockerfile), configured ?? '.');
}

/** True when the options run the rule that judges context files. */
export function readsContext(options: AnalyzeOptions): boolean {
  return !options.ignored?.includes(CONTEXT_RULE) && (!options.only || options.only.includes(CONTEXT_RULE));
}

/**
 * Reads the context files a Dockerfile copies, or null when it copies none or the rule is
 * off. Never throws.
 */
export async function contextFactsFor(
  text: string,
  options: AnalyzeOptions,
  dockerfile: string,
  context: string,
  bounds?: ContextBounds,
): Promise<ContextFacts | null> {
  if (!readsContext(options)) return null;
  if (!/^[ \t]*(?:ONBUILD[ \t]+)?(?:COPY|ADD)\b/im.test(text)) return null;
  const patterns = contextPatterns(analyze(text, { ...options, only: [] }).model);
  if (!patterns.length) return null;
  try {
    return await readContextFacts(context, dockerfile, patterns, bounds);
  } catch {
    return null;
  }
}
