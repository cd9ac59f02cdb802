// Opt-in registry lookups wired to the analyzer: bases the knowledge base does not know are
// fetched from their registry, their history is linted with muslcheck's own rules, and the
// verdicts become image facts for a second analysis of the Dockerfile.
import { analyze, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import type { ImageFact } from '../model/libc';
import type { DockerfileModel } from '../model/model';
import { resolveImages, type FetchOptions } from './registry';

/** Why a stage whose lookup failed stays unknown, whatever the failure was. */
export const LOOKUP_FAILED = 'registry lookup failed: the registry did not answer';

/**
 * Base images of stages that the knowledge base leaves `unknown`, or judges only by a name
 * that says glibc, as registry references.
 */
export function unknownBaseImages(model: DockerfileModel): string[] {
  return model.stages
    .filter((s) => (s.libc === 'unknown' || s.byName) && !s.parent && s.reference && s.resolvedImage)
    .map((s) => s.resolvedImage!);
}

/** Looks image references up and turns the answers into image facts, one per reference. */
export async function imageFactsFor(refs: readonly string[], fetchOptions: FetchOptions): Promise<ImageFact[]> {
  if (!refs.length) return [];
  const resolutions = await resolveImages([...refs], fetchOptions);
  return [...resolutions.values()].map((r): ImageFact => {
    // The reason stays this vague on purpose: a Dockerfile chooses the host and port, and
    // "connection refused" against "bad answer" would tell its author which ports are open.
    if (r.error) return { image: r.ref, libc: 'unknown', reason: LOOKUP_FAILED };
    const libc = r.libc ?? 'unknown';
    const reason = r.glibcOnMusl
      ? (r.evidence ?? 'its history installs glibc on musl')
      : `its history in the registry shows a ${libc} image`;
    return { image: r.ref, libc, glibcOnMusl: r.glibcOnMusl, reason, ...(r.runtime ? { runtime: r.runtime } : {}) };
  });
}

/** An analysis with registry facts, and the options that gave it (for analysing fixed text again). */
export interface RegistryAnalysis {
  result: AnalysisResult;
  options: AnalyzeOptions;
}

/**
 * Analyzes text, then again with registry facts for its unknown bases. Lookups never fail the
 * analysis: a failed one leaves its stage `unknown` with the reason. The CLI's entry; the
 * language server publishes the first analysis before the lookups end, so it calls
 * `unknownBaseImages` and `imageFactsFor`, the two steps of this one, itself.
 */
export async function analyzeWithRegistry(text: string, options: AnalyzeOptions, fetchOptions: FetchOptions): Promise<RegistryAnalysis> {
  const first = analyze(text, options);
  const facts = await imageFactsFor(unknownBaseImages(first.model), fetchOptions);
  if (!facts.length) return { result: first, options };
  const withFacts = { ...options, imageFacts: [...(options.imageFacts ?? []), ...facts] };
  return { result: analyze(text, withFacts), options: withFacts };
}
