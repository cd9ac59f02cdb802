// `COPY --from` of a program built against musl into a glibc stage: the builder is Alpine,
// installs a C toolchain (so its output links musl dynamically) and shows no static build.
// The reverse of MC2001's case; Go without a C compiler and Rust's musl targets link
// statically, so only a C toolchain counts as evidence.
import { isDataPath } from '../knowledge/data-files';
import { nativeTreeOf } from '../knowledge/native-trees';
import { readApk } from './apk';
import { staticBuildEvidence } from './build-evidence';
import { isAlpineLike, rootStage } from './model';
import type { DockerfileModel, Stage, StageCopy } from './types';

/** Alpine packages that put a C compiler or musl's development files in a stage. */
const C_TOOLCHAIN = new Set(['gcc', 'g++', 'clang', 'build-base', 'musl-dev', 'alpine-sdk']);

/** The toolchain package that shows the copy carries a musl-linked program, or null. */
export function muslProgramCopy(model: DockerfileModel, copy: StageCopy): string | null {
  const builder = copy.fromStage;
  if (!builder || !isAlpineLike(builder) || rootStage(builder).glibcOnMusl || copy.into.libc !== 'glibc') return null;
  if (copy.sources.length === 0) return null;
  if (!copy.sources.every((s) => !isDataPath(s.path) && !nativeTreeOf(s.path))) return null;
  if (runsCommand(builder, 'cargo') || staticBuildEvidence(model, builder)) return null;
  return toolchainOf(builder);
}

function toolchainOf(stage: Stage): string | null {
  for (let current: Stage | null = stage; current; current = current.parent) {
    for (const run of current.runs) {
      for (const command of run.commands) {
        const call = readApk(command);
        if (call?.applet?.value !== 'add') continue;
        const found = call.targets.find((t) => t.kind === 'package' && C_TOOLCHAIN.has(t.name));
        if (found) return found.name;
      }
    }
  }
  return null;
}

function runsCommand(stage: Stage, name: string): boolean {
  for (let current: Stage | null = stage; current; current = current.parent) {
    if (current.runs.some((run) => run.commands.some((c) => c.name?.value.split('/').pop() === name))) return true;
  }
  return false;
}
