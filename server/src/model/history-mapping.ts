// Maps an image's layers back to the Dockerfile that built it: each layer's history entry
// (already rewritten as an instruction, `RUN apk add x`, `COPY app /app`) is matched to an
// instruction of the final stage (and the stages it builds on). The last layers come from the
// last instructions, so the walk runs backwards from both ends: base-image layers, which the
// Dockerfile never wrote, stay unmatched instead of matching a look-alike.
import type { ParsedInstruction } from '../parse/dockerfile';
import type { DockerfileModel } from './model';

/** Where a layer came from in the Dockerfile. */
export type LayerOrigin =
  | { kind: 'instruction'; instruction: ParsedInstruction }
  /** Before the first matched layer: made by the base image; points at the final stage's FROM. */
  | { kind: 'base'; instruction: ParsedInstruction }
  | { kind: 'unmatched' };

/** Whitespace and line continuations collapsed: how BuildKit and the classic builder record a command. */
function normalize(text: string): string {
  return text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

interface Step {
  keyword: string;
  text: string;
  destination: string;
}

function stepOf(keyword: string, args: string): Step {
  const text = normalize(args);
  const words = text.split(' ');
  return { keyword: keyword.toUpperCase(), text, destination: words[words.length - 1] ?? '' };
}

/** `RUN apk add x` → keyword RUN, text `apk add x`. */
function historyStep(instruction: string): Step | null {
  const m = /^([A-Za-z]+)\s+([\s\S]*)$/.exec(instruction.trim());
  return m ? stepOf(m[1], m[2]) : null;
}

function matches(layer: Step, instruction: Step): boolean {
  if (layer.keyword !== instruction.keyword) return false;
  if (layer.text === instruction.text) return true;
  // The classic builder writes `COPY file:<hash> in /dst` and BuildKit may drop flags: the destination decides.
  return (layer.keyword === 'COPY' || layer.keyword === 'ADD') && layer.destination === instruction.destination;
}

/**
 * For each layer's instruction text (undefined for an entry that has none), where it came from
 * in the Dockerfile.
 */
export function mapLayersToDockerfile(model: DockerfileModel, layers: readonly (string | undefined)[]): LayerOrigin[] {
  const final = model.stages[model.stages.length - 1];
  const origins: LayerOrigin[] = layers.map(() => ({ kind: 'unmatched' }));
  if (!final) return origins;
  const chain = [];
  for (let stage: typeof final | null = final; stage; stage = stage.parent) chain.unshift(stage);
  const candidates = chain.flatMap((stage) => stage.instructions.filter((i) => i.keyword !== 'FROM'));
  const text = model.parsed.text;
  const steps = candidates.map((i) => stepOf(i.keyword, i.argumentsSpan ? text.slice(i.argumentsSpan.start, i.argumentsSpan.end) : ''));
  let cursor = candidates.length - 1;
  let firstMatched = layers.length;
  for (let layer = layers.length - 1; layer >= 0 && cursor >= 0; layer--) {
    const instruction = layers[layer];
    const step = instruction === undefined ? null : historyStep(instruction);
    if (!step) continue;
    for (let i = cursor; i >= 0; i--) {
      if (!matches(step, steps[i])) continue;
      origins[layer] = { kind: 'instruction', instruction: candidates[i] };
      firstMatched = layer;
      cursor = i - 1;
      break;
    }
  }
  const from = chain[0].from;
  for (let layer = 0; layer < firstMatched && firstMatched < layers.length; layer++) origins[layer] = { kind: 'base', instruction: from };
  return origins;
}
