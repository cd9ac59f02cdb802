// Resolves base image references to a verdict: fetch each image's config, rewrite its
// history as Dockerfile text, let a judge (the analyzer's rules) read it, and
// follow the image's recorded base (OCI `org.opencontainers.image.base.*`) a few levels.

import { fetchImageConfig, type FetchOptions, type ImageConfig } from './client';
import { historyInstruction, historyToDockerfile, layerLabel } from './history';
import type { Runtime } from '../../knowledge/runtime-images';
import { analyzerJudge, type Judge, type Verdict } from './judge';

/** What is known about one image reference. */
export interface ImageResolution {
  /** The reference as asked for. */
  ref: string;
  /** Digest the reference resolved to. */
  digest?: string;
  os?: string;
  architecture?: string;
  /** The image's system C library, as far as its history (or its base's) tells. */
  libc?: 'musl' | 'glibc' | 'unknown';
  /** True when the image, or a base it records, installs glibc on top of musl. */
  glibcOnMusl: boolean;
  /** Why, e.g. `layer 3 of mycorp/base:1.4 ran: apk add glibc-2.35-r1.apk`. */
  evidence?: string;
  /** The runtime the image (or a base it records) carries, as its environment shows. */
  runtime?: Runtime;
  /** Why the lookup failed; the other fields are then unknown. */
  error?: string;
  /** The base image the image records, resolved in turn (up to `maxDepth` levels). */
  parent?: ImageResolution;
  /** `cache` when no network request was needed. */
  source?: 'registry' | 'cache';
}

/** Options for `resolveImages`: those of `fetchImageConfig` plus the judging ones. */
export interface ResolveOptions extends FetchOptions {
  /** Reads generated history text; default `analyzerJudge`, the analyzer's rules. */
  judge?: Judge;
  /** Recorded base images followed at most this many levels deep; default 3. */
  maxDepth?: number;
  /** Lookups run at once; default 4. */
  concurrency?: number;
}

/** Default levels of recorded base images followed. */
export const DEFAULT_MAX_DEPTH = 3;
const EVIDENCE_MAX = 200;

/**
 * Resolves each distinct reference once. Never rejects: a failed lookup is a resolution
 * with `error` set, `glibcOnMusl: false` and `libc: 'unknown'`.
 */
export async function resolveImages(refs: string[], opts: ResolveOptions = {}): Promise<Map<string, ImageResolution>> {
  const unique = [...new Set(refs)];
  const results = new Map<string, ImageResolution>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < unique.length) {
      const ref = unique[next++];
      results.set(ref, await resolveOne(ref, opts, 0, new Set()));
    }
  };
  const workers = Math.max(1, Math.min(opts.concurrency ?? 4, unique.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return new Map(unique.map((ref) => [ref, results.get(ref) as ImageResolution]));
}

async function resolveOne(ref: string, opts: ResolveOptions, depth: number, seen: Set<string>): Promise<ImageResolution> {
  const config = await fetchImageConfig(ref, opts);
  if (!config.ok) return { ref, glibcOnMusl: false, libc: 'unknown', error: config.reason };
  const found: ImageResolution = {
    ref,
    digest: config.digest,
    os: config.os,
    architecture: config.architecture,
    source: config.source,
    ...judgeHistory(ref, config, opts.judge ?? analyzerJudge),
  };
  seen.add(config.digest).add(config.manifestDigest);
  const parentRef = baseReference(config);
  // The base is only worth a lookup when it is another image: a recorded base that is
  // this image (or one already visited) would loop.
  if (parentRef && depth < (opts.maxDepth ?? DEFAULT_MAX_DEPTH) && !(config.baseDigest && seen.has(config.baseDigest))) {
    const parent = await resolveOne(parentRef, opts, depth + 1, seen);
    found.parent = parent;
    if (!found.glibcOnMusl && parent.glibcOnMusl) {
      found.glibcOnMusl = true;
      if (parent.evidence) found.evidence = parent.evidence;
    }
    if (found.libc === 'unknown' && parent.libc) found.libc = parent.libc;
    if (!found.runtime && parent.runtime) found.runtime = parent.runtime;
  }
  return found;
}

function judgeHistory(
  ref: string,
  config: ImageConfig,
  judge: Judge,
): Pick<ImageResolution, 'libc' | 'glibcOnMusl' | 'evidence' | 'error' | 'runtime'> {
  if (config.os !== 'linux') return { libc: 'unknown', glibcOnMusl: false };
  const generated = historyToDockerfile(config, ref);
  let verdict: Verdict;
  try {
    verdict = judge(generated.text);
  } catch (err) {
    // The judge is the analyzer's code; its failure must not fail the run.
    return { libc: 'unknown', glibcOnMusl: false, error: `judging the history failed: ${String(err)}` };
  }
  const out: Pick<ImageResolution, 'libc' | 'glibcOnMusl' | 'evidence' | 'runtime'> = {
    libc: verdict.libc ?? 'unknown',
    glibcOnMusl: verdict.glibcOnMusl,
  };
  if (verdict.runtime) out.runtime = verdict.runtime;
  const index = verdict.evidenceLine === undefined ? -1 : (generated.lineToHistory[verdict.evidenceLine] ?? -1);
  if (verdict.glibcOnMusl && index >= 0) {
    out.evidence = describeEvidence(ref, config, index, verdict.evidenceText);
  }
  return out;
}

/** "layer 3 of REF ran: CMD", with CMD cut down to the part of a `&&` chain that shows it. */
function describeEvidence(ref: string, config: ImageConfig, index: number, evidenceText: string | undefined): string {
  const instruction = historyInstruction(config.history[index].createdBy) ?? '';
  const run = /^RUN\s+/.exec(instruction);
  let shown = run ? instruction.slice(run[0].length) : instruction;
  if (evidenceText) {
    const part = shown.split(/&&|\|\||;|\n/).find((p) => p.includes(evidenceText));
    if (part) shown = part;
  }
  shown = shown.replace(/\s+/g, ' ').trim();
  if (shown.length > EVIDENCE_MAX) shown = `${shown.slice(0, EVIDENCE_MAX - 1)}…`;
  return `${layerLabel(config.history, index)} of ${ref} ${run ? 'ran' : 'has'}: ${shown}`;
}

/** The recorded base as a reference, pinned to its digest when one is recorded. */
function baseReference(config: ImageConfig): string | undefined {
  if (!config.baseName) return undefined;
  if (config.baseDigest && !config.baseName.includes('@')) return `${config.baseName}@${config.baseDigest}`;
  return config.baseName;
}
