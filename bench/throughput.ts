// Benchmark 1 and the scaling curve: per-file analysis time of muslcheck against the bare
// dockerfile-ast parse and dockerfile-utils' validate, in this one process, on the same
// texts. The parse baseline is the unpatched dockerfile-ast (installed as
// dockerfile-ast-baseline; muslcheck bundles the copy patched under patches/). Tools take turns within every round (rotating who goes first), so a noisy
// neighbour slows them all alike; figures are medians over rounds, and ratios are taken
// within a round before their median.
import './unpatched-peers.cjs';
import { DockerfileParser as PatchedParser } from 'dockerfile-ast';
import { DockerfileParser } from 'dockerfile-ast-baseline';
import { validate } from 'dockerfile-utils';
import { analyze } from '../server/out/analyze';
import { buildModel } from '../server/out/model/model';
import { initAnalyzerForNode } from '../server/out/node/init';
import { parseDockerfile } from '../server/out/parse/dockerfile';
import { ParseCache } from '../server/out/parse/parse-cache';
import { median } from './stats';

/** One way of processing a Dockerfile. */
export interface Tool {
  name: string;
  run(text: string): unknown;
}

/**
 * Holds every chunk and script of the measured texts after the warm-up rounds: the state of an
 * editor that analysed the document before, or of a CLI run that met the same lines.
 */
const warmCache = new ParseCache({ scripts: 100_000, chunks: 100_000 });

/**
 * The compared tools. `muslcheck analyze` is a first analysis (no cache), the figure the
 * targets are about; `re-analyze` is the same text analysed again with a warm ParseCache.
 */
export const TOOLS: readonly Tool[] = [
  { name: 'dockerfile-ast parse', run: (text) => DockerfileParser.parse(text) },
  { name: 'dockerfile-utils validate', run: (text) => validate(text) },
  { name: 'muslcheck analyze', run: (text) => analyze(text) },
  { name: 'muslcheck re-analyze', run: (text) => analyze(text, { cache: warmCache }) },
  // Breakdown of muslcheck's time: the patched parser it bundles, its parse wrapper, then the
  // stage model (shell parsing).
  { name: '  dockerfile-ast parse, patched', run: (text) => PatchedParser.parse(text) },
  { name: '  muslcheck parse step', run: (text) => parseDockerfile(text) },
  { name: '  muslcheck parse + model', run: (text) => buildModel(parseDockerfile(text)) },
];

/** Median time per file of each tool, and per-round ratios against the first tool. */
export interface ThroughputResult {
  label: string;
  files: number;
  lines: number;
  rounds: number;
  /** Tool name → median milliseconds per file. */
  perFile: Record<string, number>;
  /** Tool name → median of (tool time / first tool's time) within a round. */
  ratioToParse: Record<string, number>;
}

/** Loads the shell grammar; call once before measuring. */
export async function prepareAnalyzer(): Promise<void> {
  await initAnalyzerForNode();
}

/**
 * Times every tool over `texts` for `rounds` rounds after `warmup` unmeasured ones. A round
 * processes each text `repeat` times per tool, so tiny files still give measurable spans.
 */
export function measureThroughput(label: string, texts: readonly string[], rounds: number, warmup = 3, repeat = 1): ThroughputResult {
  const times = new Map<string, number[]>(TOOLS.map((t) => [t.name, []]));
  const ratios = new Map<string, number[]>(TOOLS.map((t) => [t.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    const roundTimes = new Map<string, number>();
    for (let k = 0; k < TOOLS.length; k++) {
      const tool = TOOLS[(round + k) % TOOLS.length];
      const start = performance.now();
      for (let r = 0; r < repeat; r++) for (const text of texts) tool.run(text);
      roundTimes.set(tool.name, (performance.now() - start) / (texts.length * repeat));
    }
    if (round < warmup) continue;
    const floor = roundTimes.get(TOOLS[0].name)!;
    for (const [name, time] of roundTimes) {
      times.get(name)!.push(time);
      ratios.get(name)!.push(time / floor);
    }
  }
  return {
    label,
    files: texts.length,
    lines: texts.reduce((sum, t) => sum + t.split('\n').length, 0),
    rounds,
    perFile: Object.fromEntries([...times].map(([name, samples]) => [name, median(samples)])),
    ratioToParse: Object.fromEntries([...ratios].map(([name, samples]) => [name, median(samples)])),
  };
}
