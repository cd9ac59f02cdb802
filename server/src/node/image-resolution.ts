// Opt-in registry lookups wired to the analyzer: bases the knowledge base does not know are
// fetched from their registry, their history is linted with muslcheck's own rules, and the
// verdicts become image facts for a second analysis of the Dockerfile.
import { analyze, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { runtimeFromEnvironment } from '../knowledge/runtime-images';
import type { ImageFact } from '../model/libc';
import type { DockerfileModel } from '../model/model';
import { resolveImages, type FetchOptions, type Judge } from '../registry';

/** The rules whose findings in a base image's history mean "glibc on musl". */
const HISTORY_CODES = ['MC1002', 'MC1003', 'MC1004', 'MC1005'];
const GLIBC_PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'dpkg', 'yum', 'dnf', 'microdnf', 'zypper', 'pacman']);

/** Judges generated history text with the real rules. */
export const analyzerJudge: Judge = (text) => {
  const result = analyze(text, { only: HISTORY_CODES, pragmas: false });
  const stage = result.model.stages[0];
  const first = result.findings[0];
  const managers = new Set(stage?.runs.flatMap((r) => r.commands.map((c) => c.name?.value.split('/').pop() ?? '')) ?? []);
  const libc = stage?.usesApk ? 'musl' : [...managers].some((m) => GLIBC_PACKAGE_MANAGERS.has(m)) ? 'glibc' : 'unknown';
  // The history's ENV lines (JAVA_VERSION, NODE_VERSION...) say what runtime the image carries.
  const runtime = stage ? runtimeFromEnvironment((name) => stage.scope.get(name)) : null;
  const carried = runtime ? { runtime } : {};
  if (!first) return { glibcOnMusl: false, libc, ...carried };
  return {
    glibcOnMusl: true,
    libc: 'musl',
    ...carried,
    evidenceLine: first.range.start.line,
    evidenceText: text.slice(first.span.start, first.span.end),
  };
};

/**
 * Base images of stages that the knowledge base leaves `unknown`, or judges only by a name
 * that says glibc, as registry references.
 */
export function unknownBaseImages(model: DockerfileModel): string[] {
  return model.stages
    .filter((s) => (s.libc === 'unknown' || s.byName) && !s.parent && s.reference && s.resolvedImage)
    .map((s) => s.resolvedImage!);
}

/** Looks the unknown bases up and turns the answers into image facts. */
export async function lookUpImageFacts(model: DockerfileModel, fetchOptions: FetchOptions): Promise<ImageFact[]> {
  return imageFactsFor(unknownBaseImages(model), fetchOptions);
}

/** Looks image references up and turns the answers into image facts, one per reference. */
export async function imageFactsFor(refs: readonly string[], fetchOptions: FetchOptions): Promise<ImageFact[]> {
  if (!refs.length) return [];
  const resolutions = await resolveImages([...refs], { ...fetchOptions, judge: analyzerJudge });
  return [...resolutions.values()].map((r): ImageFact => {
    if (r.error) return { image: r.ref, libc: 'unknown', reason: `registry lookup failed: ${r.error}` };
    const libc = r.libc ?? 'unknown';
    const reason = r.glibcOnMusl
      ? (r.evidence ?? 'its history installs glibc on musl')
      : `its history in the registry shows a ${libc} image`;
    return { image: r.ref, libc, glibcOnMusl: r.glibcOnMusl, reason, ...(r.runtime ? { runtime: r.runtime } : {}) };
  });
}

/**
 * Analyzes text, then again with registry facts for unknown bases. Lookups never fail the
 * analysis: a failed one leaves its stage `unknown` with the reason.
 */
export async function analyzeWithRegistry(text: string, options: AnalyzeOptions, fetchOptions: FetchOptions): Promise<AnalysisResult> {
  const first = analyze(text, options);
  const facts = await lookUpImageFacts(first.model, fetchOptions);
  if (!facts.length) return first;
  return analyze(text, { ...options, imageFacts: [...(options.imageFacts ?? []), ...facts] });
}
