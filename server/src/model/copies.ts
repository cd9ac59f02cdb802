// COPY --from: which stage or image each copy reads from, and that source's C library.
import { formatImageReference, parseImageReference } from './image-reference';
import { classifyImage } from './libc';
import type { DockerfileModel, ModelOptions, Stage, StageCopy } from './types';
import { substituteAt, type VariableScope } from './variables';

/** Every COPY --from of the Dockerfile, in order. */
export function stageCopies(model: DockerfileModel, options: ModelOptions): StageCopy[] {
  const copies: StageCopy[] = [];
  for (const stage of model.stages) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword !== 'COPY' || instruction.onbuild) continue;
      const flag = instruction.flags.find((f) => f.name.toLowerCase() === 'from');
      if (!flag || !flag.value) continue;
      const scope = stage.scopes.get(instruction) ?? stage.scope;
      const merged: VariableScope = { get: (name) => scope.get(name) ?? model.globalScope.get(name) };
      const escape = model.parsed.escapeChar;
      const from = substituteAt(flag.value, merged, escape, model.expansion, flag.valueSpan ?? flag.span, 'The --from value').value;
      const sources = instruction.arguments
        .slice(0, -1)
        .map((a) => ({ path: substituteAt(a.value, scope, escape, model.expansion, a.span, 'This source').value, span: a.span }));
      const base = { instruction, into: stage, fromSpan: flag.valueSpan ?? flag.span, sources };
      const source = findStage(model, stage, from);
      if (source) {
        copies.push({ ...base, fromStage: source, fromImage: null, libc: source.libc, reason: source.reason });
        continue;
      }
      const reference = parseImageReference(from);
      if (!reference) {
        copies.push({ ...base, fromStage: null, fromImage: from, libc: 'unknown', reason: `${from}: not a stage or an image reference` });
        continue;
      }
      const judged = classifyImage(reference, options.imageFacts);
      copies.push({ ...base, fromStage: null, fromImage: formatImageReference(reference), libc: judged.libc, reason: judged.reason });
    }
  }
  return copies;
}

/** The earlier stage a --from value names, by name or by index. */
function findStage(model: DockerfileModel, current: Stage, from: string): Stage | null {
  if (/^\d+$/.test(from)) {
    const index = Number(from);
    return index < current.index ? model.stages[index] : null;
  }
  const name = from.toLowerCase();
  return model.stages.find((s) => s.index < current.index && s.name === name) ?? null;
}
