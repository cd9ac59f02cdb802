// Fixes for an alpine-glibc base image: plain Alpine plus gcompat (preferred), or a glibc
// base that fits what the image ran (distroless, debian-slim).
import { DEFAULT_ALPINE_TAG, FIRST_ALPINE_WITH_GCOMPAT, GCOMPAT_INSTALL } from '../knowledge/glibc';
import { DEBIAN_SLIM, distrolessFor } from '../knowledge/replacements';
import { fromImageSpan, isAlpineLike, rootStage, type DockerfileModel, type Stage } from '../model/model';
import { insertAfterInstruction } from './text-edits';
import type { Fix } from './types';

/** The fixes offered for a stage whose FROM names an alpine-glibc image. */
export function baseImageFixes(model: DockerfileModel, stage: Stage): Fix[] {
  const reference = stage.reference;
  // An image chosen through ARG is edited where the ARG is, by a person.
  if (!reference || !stage.imageText || stage.imageText.includes('$')) return [];
  const span = fromImageSpan(stage);
  const alpine = `alpine:${alpineTagFor(reference.tag ?? '')}`;
  const key = `base-image:${span.start}`;
  const distroless = distrolessFor(reference.repository, reference.tag ?? '');
  const fixes: Fix[] = [
    {
      title: `Use ${alpine} and install gcompat`,
      safety: 'safe',
      preferred: true,
      edits: [{ span, newText: alpine }, insertAfterInstruction(model.parsed, stage.from, `RUN ${GCOMPAT_INSTALL}`)],
      key: `${key}:alpine`,
    },
  ];
  // A glibc base only fits when nothing built on this stage needs Alpine: distroless has no
  // shell, Debian has no apk, and a musl stage that copies from here would get glibc code.
  const family = [stage, ...model.stages.filter((s) => s !== stage && rootStage(s) === stage)];
  if (model.copies.some((c) => c.fromStage && family.includes(c.fromStage) && !family.includes(c.into) && isAlpineLike(c.into))) {
    return fixes;
  }
  if (family.every((s) => s.runs.length === 0)) {
    fixes.push({
      title: `Use ${distroless.image} (${distroless.note})`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span, newText: distroless.image }],
      key: `${key}:distroless`,
    });
  }
  if (family.every((s) => !s.usesApk)) {
    fixes.push({
      title: `Use ${DEBIAN_SLIM.image} (${DEBIAN_SLIM.note})`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span, newText: DEBIAN_SLIM.image }],
      key: `${key}:debian`,
    });
  }
  return fixes;
}

/** The Alpine release an alpine-glibc tag was built on, when it says so and has gcompat. */
export function alpineTagFor(tag: string): string {
  const match = /(?:^|alpine[-_]?)(\d+)\.(\d+)(?:\.\d+)?(?=$|[-_])/.exec(tag);
  if (!match) return DEFAULT_ALPINE_TAG;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const [firstMajor, firstMinor] = FIRST_ALPINE_WITH_GCOMPAT;
  if (major < firstMajor || (major === firstMajor && minor < firstMinor)) return DEFAULT_ALPINE_TAG;
  return `${major}.${minor}`;
}
