// Evidence that a builder stage produces binaries that do not need glibc: static linking,
// CGO_ENABLED=0, a musl target. Any of it silences MC2001 for copies out of that stage.
import type { ShellCommand, ShellWord } from '../parse/shell';
import type { Span } from '../parse/text';
import type { DockerfileModel, Stage } from './model';
import { stageWords } from './words';

/** One piece of evidence, for messages and `--print-stages`. */
export interface StaticBuildEvidence {
  kind: 'cgo-disabled' | 'musl-target' | 'static-link';
  text: string;
  span: Span;
}

const cache = new WeakMap<Stage, StaticBuildEvidence | null>();

/** The first sign that the stage (or a stage it builds on) links statically or for musl. */
export function staticBuildEvidence(model: DockerfileModel, stage: Stage): StaticBuildEvidence | null {
  if (cache.has(stage)) return cache.get(stage)!;
  let found: StaticBuildEvidence | null = null;
  for (let current: Stage | null = stage; current && !found; current = current.parent) found = findIn(model, current);
  cache.set(stage, found);
  return found;
}

function findIn(model: DockerfileModel, stage: Stage): StaticBuildEvidence | null {
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'ENV' && instruction.keyword !== 'ARG') continue;
    for (const property of instruction.properties) {
      if (property.name === 'CGO_ENABLED' && property.value === '0') {
        return { kind: 'cgo-disabled', text: 'CGO_ENABLED=0', span: property.nameSpan };
      }
      if (property.value && /-linux-musl/.test(property.value)) {
        return { kind: 'musl-target', text: property.value, span: property.valueSpan ?? property.nameSpan };
      }
    }
  }
  for (const located of stageWords(model, stage)) {
    if (!located.run) continue;
    const { word, variable } = located;
    const value = word.value;
    if (variable === 'CGO_ENABLED' && value === '0') return { kind: 'cgo-disabled', text: 'CGO_ENABLED=0', span: word.span };
    if (/^CGO_ENABLED=0$/.test(value)) return { kind: 'cgo-disabled', text: value, span: word.span };
    if (/-linux-musl|^musl-gcc$|^--libc=musl$|^(?:--runtime=)?linux-musl-/.test(value)) {
      return { kind: 'musl-target', text: value, span: word.span };
    }
    if (/^--?static$|^-static-pie$|extldflags[= '"\\]*-static|--static-pie/.test(value)) {
      return { kind: 'static-link', text: value, span: word.span };
    }
  }
  return null;
}

/** A `dotnet publish` (or `dotnet build`) call and its runtime identifier word, if any. */
export interface DotnetPublish {
  readonly runtime: ShellWord | null;
}

/** Reads `dotnet publish|build ... -r <rid>`; null for other commands. */
export function readDotnetPublish(command: ShellCommand): DotnetPublish | null {
  if (command.name?.value.split('/').pop() !== 'dotnet') return null;
  const verb = command.args.find((a) => !a.value.startsWith('-'))?.value;
  if (verb !== 'publish' && verb !== 'build') return null;
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const value = args[i].value;
    if ((value === '-r' || value === '--runtime') && args[i + 1]) return { runtime: args[i + 1] };
    if (value.startsWith('--runtime=')) return { runtime: { ...args[i], value: value.slice('--runtime='.length) } };
  }
  return { runtime: null };
}
