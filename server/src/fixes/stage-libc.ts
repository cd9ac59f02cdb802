// Fixes for a glibc binary that reaches a musl stage: build it statically or in the
// builder's Alpine variant, install gcompat in the target, or move the target to glibc.
import { GCOMPAT_INSTALL } from '../knowledge/glibc';
import { HAS_ALPINE_VARIANT } from '../knowledge/images';
import { DEBIAN_SLIM } from '../knowledge/replacements';
import { readDotnetPublish } from '../model/build-evidence';
import { stageEcosystem } from '../model/ecosystem';
import { fromImageSpan, rootStage, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { runsAsRootAfterFrom } from '../model/stage-user';
import { insertAfterInstruction } from './text-edits';
import type { Fix } from './types';

/** The fixes offered when `builder` (a stage, or null for an image) feeds glibc code into `target`. */
export function glibcCopyFixes(model: DockerfileModel, builder: Stage | null, target: Stage, at: number): Fix[] {
  const fixes: Fix[] = [];
  const root = builder ? rootStage(builder) : null;
  const ecosystem = builder ? stageEcosystem(builder) : null;
  const isGo = ecosystem === 'go';
  if (builder && isGo) {
    fixes.push({
      title: `Build statically: set CGO_ENABLED=0 in stage ${stageLabel(builder)}`,
      safety: 'unsafe',
      preferred: true,
      edits: [insertAfterInstruction(model.parsed, builder.from, 'ENV CGO_ENABLED=0')],
      key: `cgo-off:${builder.from.span.start}`,
    });
  }
  const rid = builder && ecosystem === 'dotnet' ? muslRuntimeFix(builder) : null;
  if (rid) fixes.push(rid);
  const variant = root ? alpineVariant(root) : null;
  if (root && variant && !root.imageText?.includes('$')) {
    fixes.push({
      title: `Build in ${variant}, the Alpine variant of the builder image`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span: fromImageSpan(root), newText: variant }],
      key: `alpine-builder:${root.from.span.start}`,
    });
  }
  // On glibc bolted onto musl, gcompat would fight the glibc apks for the loader's name.
  if (!target.glibcOnMusl) fixes.push(installGcompatFix(model, target, 'glibc binaries', !isGo && !rid));
  const targetRoot = rootStage(target);
  if (!targetRoot.imageText?.includes('$')) {
    fixes.push({
      title: `Use gcr.io/distroless/cc-debian13 (glibc) for stage ${stageLabel(targetRoot)}`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span: fromImageSpan(targetRoot), newText: 'gcr.io/distroless/cc-debian13' }],
      key: `distroless-target:${targetRoot.from.span.start}:${at}`,
    });
    fixes.push({
      title: `Use ${DEBIAN_SLIM.image} (glibc) for stage ${stageLabel(targetRoot)}`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span: fromImageSpan(targetRoot), newText: DEBIAN_SLIM.image }],
      key: `debian-target:${targetRoot.from.span.start}:${at}`,
    });
  }
  return fixes;
}

/**
 * `dotnet publish -r linux-x64` → `-r linux-musl-x64` in the builder: the .NET SDK then
 * produces a build for musl. Null when the RID is not written literally.
 */
function muslRuntimeFix(builder: Stage): Fix | null {
  for (const run of builder.runs) {
    for (const command of run.commands) {
      const rid = readDotnetPublish(command)?.runtime;
      if (!rid || rid.raw.includes('$') || !/(?:^|=)["']?linux-(?:x64|arm64|arm)["']?$/.test(rid.raw)) continue;
      return {
        title: `Publish for musl: use the runtime identifier ${rid.value.replace(/^.*linux-/, 'linux-musl-')} in stage ${stageLabel(builder)}`,
        safety: 'unsafe',
        preferred: true,
        edits: [{ span: rid.span, newText: rid.raw.replace('linux-', 'linux-musl-') }],
        key: `dotnet-musl-rid:${rid.span.start}`,
      };
    }
  }
  return null;
}

/** `golang:1.22` → `golang:1.22-alpine`; `rust:1.80-slim-bookworm` → `rust:1.80-alpine`. */
export function alpineVariant(stage: Stage): string | null {
  const ref = stage.reference;
  if (!ref || !ref.official || !HAS_ALPINE_VARIANT.includes(ref.name) || ref.digest) return null;
  const tag = ref.tag ?? 'latest';
  if (tag === 'latest') return `${ref.name}:alpine`;
  const version = /^\d+(?:\.\d+)*/.exec(tag)?.[0];
  return version ? `${ref.name}:${version}-alpine` : `${ref.name}:alpine`;
}

/**
 * Adds `RUN apk add --no-cache gcompat` after a stage's FROM. MC2001 and MC2002 share it
 * (same key), so fix-all installs gcompat once however many findings ask for it. Safe only
 * where the stage is known to run as root after its FROM: apk fails for any other user.
 */
export function installGcompatFix(model: DockerfileModel, stage: Stage, what: string, preferred: boolean): Fix {
  return {
    title: `Install gcompat in stage ${stageLabel(stage)} so ${what} can run`,
    safety: runsAsRootAfterFrom(stage) ? 'safe' : 'unsafe',
    preferred,
    edits: [insertAfterInstruction(model.parsed, stage.from, `RUN ${GCOMPAT_INSTALL}`)],
    key: `gcompat-stage:${stage.from.span.start}`,
  };
}
