// Issue #22: one RUN continued over many lines. Each size is timed once per tool after a
// warm-up on the smallest; the figure to read is the growth per doubling, which a linear
// cost keeps near 2x (the unpatched dockerfile-ast grew faster than its input).
import { DockerfileParser as PatchedParser } from 'dockerfile-ast';
import { DockerfileParser } from 'dockerfile-ast-baseline';
import { analyze } from '../server/out/analyze';

/** A Dockerfile whose one RUN goes on for `lines` continuation lines. */
export function continuedRun(lines: number): string {
  return 'FROM alpine:3.19\nRUN echo start \\\n' + '  && echo one more line \\\n'.repeat(lines) + '  && true\n';
}

export const CONTINUATION_TOOLS: readonly { name: string; run(text: string): unknown }[] = [
  { name: 'dockerfile-ast (unpatched)', run: (text) => DockerfileParser.parse(text) },
  { name: 'dockerfile-ast (patched)', run: (text) => PatchedParser.parse(text) },
  { name: 'muslcheck analyze', run: (text) => analyze(text) },
];

/** One size: milliseconds per tool. */
export interface ContinuationResult {
  lines: number;
  bytes: number;
  ms: Record<string, number>;
}

export function measureContinuation(sizes: readonly number[]): ContinuationResult[] {
  for (const tool of CONTINUATION_TOOLS) tool.run(continuedRun(sizes[0]));
  return sizes.map((lines) => {
    const text = continuedRun(lines);
    const ms: Record<string, number> = {};
    for (const tool of CONTINUATION_TOOLS) {
      const start = performance.now();
      tool.run(text);
      ms[tool.name] = performance.now() - start;
    }
    return { lines, bytes: text.length, ms };
  });
}
