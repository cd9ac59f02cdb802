// Fixes for an alpine-glibc base image. A plain alpine-glibc image becomes Alpine plus gcompat;
// one that carries a runtime (Java, conda, Node.js...) becomes an image with the same runtime
// and version, on musl where a musl build exists, else its glibc build on Debian. A fix is
// safe only when it keeps what the image provided; the rest are offered for review.
import { DEFAULT_ALPINE_TAG, FIRST_ALPINE_WITH_GCOMPAT, GCOMPAT_INSTALL } from '../knowledge/glibc';
import { DEBIAN_SLIM, distrolessFor } from '../knowledge/replacements';
import { describeRuntime, runtimeReplacement, type Runtime, type RuntimeReplacement } from '../knowledge/runtime-images';
import { fromImageSpan, isAlpineLike, rootStage, type DockerfileModel, type Stage } from '../model/model';
import { insertAfterInstruction } from './text-edits';
import type { Fix } from './types';

/** The fixes for a stage's alpine-glibc base, and the advice sentence for the message. */
export interface BaseImagePlan {
  fixes: Fix[];
  advice: string;
}

/** Plans the fixes offered for a stage whose FROM names an alpine-glibc image. */
export function baseImagePlan(model: DockerfileModel, stage: Stage): BaseImagePlan {
  const runtime = stage.runtime;
  const replacement = runtime ? runtimeReplacement(runtime) : null;
  const plain = runtime?.kind === 'none' && runtime.from === 'family';
  const advice = adviceFor(runtime, replacement, plain);
  const reference = stage.reference;
  // An image chosen through ARG is edited where the ARG is, by a person.
  if (!reference || !stage.imageText || stage.imageText.includes('$')) return { fixes: [], advice };

  const span = fromImageSpan(stage);
  const key = `base-image:${span.start}`;
  const family = [stage, ...model.stages.filter((s) => s !== stage && rootStage(s) === stage)];
  const feedsMusl = model.copies.some(
    (c) => c.fromStage && family.includes(c.fromStage) && !family.includes(c.into) && isAlpineLike(c.into),
  );
  const usesApk = family.some((s) => s.usesApk);
  const alpine = `alpine:${alpineTagFor(reference.tag ?? '')}`;
  const fixes: Fix[] = [];

  if (runtime && replacement) {
    const blockers = replacementBlockers(model, runtime, replacement, { usesApk, feedsMusl });
    const install = replacement.libc === 'musl' ? [GCOMPAT_INSTALL, ...(runtime.packages ?? [])].join(' ') : null;
    fixes.push({
      title: `Use ${replacement.image} (${replacement.note})${blockers.length ? `: review, ${blockers.join('; ')}` : ''}`,
      safety: blockers.length ? 'unsafe' : 'safe',
      preferred: true,
      edits: [
        { span, newText: replacement.image },
        ...(install ? [insertAfterInstruction(model.parsed, stage.from, `RUN ${install}`)] : []),
      ],
      key: `${key}:runtime`,
    });
  }
  const gcompatEdits = [{ span, newText: alpine }, insertAfterInstruction(model.parsed, stage.from, `RUN ${GCOMPAT_INSTALL}`)];
  if (plain) {
    fixes.push({ title: `Use ${alpine} and install gcompat`, safety: 'safe', preferred: true, edits: gcompatEdits, key: `${key}:alpine` });
  } else {
    // Plain Alpine drops whatever the image carried besides glibc: never safe here.
    const lost = runtime && runtime.kind !== 'none' ? `drops ${describeRuntime(runtime)}` : 'check what the image carried';
    fixes.push({
      title: `Use ${alpine} and install gcompat (${lost})`,
      safety: 'unsafe',
      preferred: fixes.length === 0,
      edits: gcompatEdits,
      key: `${key}:alpine`,
    });
  }

  // A glibc base only fits when nothing built on this stage needs Alpine: distroless has no
  // shell, Debian has no apk, and a musl stage that copies from here would get glibc code.
  if (feedsMusl) return { fixes, advice };
  const distroless = distrolessFor(reference.repository, reference.tag ?? '');
  if (family.every((s) => s.runs.length === 0) && distroless.image !== replacement?.image) {
    // Distroless publishes only current Java and Node.js majors: say when that is another one.
    const other =
      runtime?.version && (runtime.kind === 'java' || runtime.kind === 'node') && !distroless.note.includes(` ${runtime.version},`)
        ? `; the image had ${describeRuntime(runtime)}`
        : '';
    fixes.push({
      title: `Use ${distroless.image} (${distroless.note}${other})`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span, newText: distroless.image }],
      key: `${key}:distroless`,
    });
  }
  if (!usesApk) {
    fixes.push({
      title: `Use ${DEBIAN_SLIM.image} (${DEBIAN_SLIM.note})`,
      safety: 'unsafe',
      preferred: false,
      edits: [{ span, newText: DEBIAN_SLIM.image }],
      key: `${key}:debian`,
    });
  }
  return { fixes, advice };
}

/** Why the runtime replacement needs a person's review; empty when it is safe. */
function replacementBlockers(
  model: DockerfileModel,
  runtime: Runtime,
  replacement: RuntimeReplacement,
  family: { usesApk: boolean; feedsMusl: boolean },
): string[] {
  const blockers: string[] = [];
  if (!replacement.exact && replacement.caveat) blockers.push(replacement.caveat);
  if (runtime.from === 'name') blockers.push('only the image name says what it carries');
  if (runtime.from === 'history') blockers.push('a private base may carry more than its runtime');
  if (runtime.extras) blockers.push(`the image also carries ${runtime.extras}`);
  if (runtime.home && mentionsPath(model.parsed.text, runtime.home)) {
    blockers.push(`the Dockerfile uses ${runtime.home}, where this image keeps the runtime`);
  }
  if (replacement.libc === 'glibc' && family.usesApk) blockers.push('the Dockerfile calls apk, which the Debian-based image lacks');
  if (replacement.libc === 'glibc' && family.feedsMusl) blockers.push('a musl stage copies from this one');
  return blockers;
}

/** True when the text names the path or something under it (not `/opt/jdk2`). */
function mentionsPath(text: string, path: string): boolean {
  let at = text.indexOf(path);
  while (at >= 0) {
    if (!/[\w.-]/.test(text[at + path.length] ?? '')) return true;
    at = text.indexOf(path, at + 1);
  }
  return false;
}

function adviceFor(runtime: Runtime | null, replacement: RuntimeReplacement | null, plain: boolean): string {
  if (plain || !runtime) {
    const unknown = plain ? '' : ' muslcheck cannot tell what else the image carries, so check it before you switch.';
    return `Use \`alpine\` with \`apk add gcompat\`, or a glibc base such as distroless or debian-slim.${unknown}`;
  }
  if (!replacement) {
    return 'muslcheck cannot tell what runtime the image carries: switch to `alpine` with `apk add gcompat`, or a glibc base, once you know what it needs.';
  }
  const carried = describeRuntime(runtime);
  const review = replacement.caveat ? ` (review: ${replacement.caveat})` : '';
  if (replacement.libc === 'glibc') {
    return `It carries ${carried}, which has no musl build: use \`${replacement.image}\`, its glibc build on Debian${review}.`;
  }
  return `It carries ${carried}: use \`${replacement.image}\`, the same runtime built for musl${review}.`;
}

/** The Alpine release an alpine-glibc tag was built on, when it says so and has gcompat. */
function alpineTagFor(tag: string): string {
  const match = /(?:^|alpine[-_]?)(\d+)\.(\d+)(?:\.\d+)?(?=$|[-_])/.exec(tag);
  if (!match) return DEFAULT_ALPINE_TAG;
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const [firstMajor, firstMinor] = FIRST_ALPINE_WITH_GCOMPAT;
  if (major < firstMajor || (major === firstMajor && minor < firstMinor)) return DEFAULT_ALPINE_TAG;
  return `${major}.${minor}`;
}
