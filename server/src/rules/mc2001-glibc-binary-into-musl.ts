// MC2001: COPY --from a glibc stage or image into a musl (or glibc-on-musl) stage, unless
// the builder shows it links statically or for musl, or only data is copied.
import { isDataPath } from '../knowledge/data-files';
import { muslBuildAdvice } from '../knowledge/ecosystems';
import { alpineVariant, glibcCopyFixes } from '../fixes/stage-libc';
import { staticBuildEvidence } from '../model/build-evidence';
import { stageEcosystem } from '../model/ecosystem';
import { installsGcompat } from '../model/gcompat';
import { fromImageSpan, isAlpineLike, rootStage, stageLabel, type Stage } from '../model/model';
import { nativeTreeCopy } from '../model/native-tree-copies';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC2001',
    slug: 'glibc-binary-into-musl',
    severity: 'warning',
    summary: 'COPY --from a glibc stage or image into a musl stage',
    explanation:
      'A program built on Debian, Ubuntu or another glibc distribution asks for glibc\'s loader (ld-linux-*.so) and versioned symbols. Copied into Alpine it fails to start ("not found", "no such file or directory") or stops with "Error relocating ... symbol not found". Build it statically or for musl, build it in an Alpine variant of the builder image, or run it on a glibc base.',
    fixable: 'always',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const copy of model.copies) {
      if (copy.libc !== 'glibc' || !isAlpineLike(copy.into)) continue;
      if (installsGcompat(copy.into)) continue;
      if (copy.sources.length > 0 && copy.sources.every((s) => isDataPath(s.path))) continue;
      if (copy.fromStage && staticBuildEvidence(model, copy.fromStage)) continue;
      // Dependency trees (node_modules, site-packages...) are MC2004's.
      if (nativeTreeCopy(copy)) continue;
      const source = copy.fromStage
        ? `stage ${stageLabel(copy.fromStage)} (${imageOf(copy.fromStage)}, glibc)`
        : `image \`${copy.fromImage}\` (glibc)`;
      const target = `stage ${stageLabel(copy.into)} (${imageOf(copy.into)}, ${copy.into.glibcOnMusl ? 'glibc on musl' : 'musl'})`;
      const paths = copy.sources.map((s) => `\`${s.path}\``).join(', ');
      const builder = copy.fromStage ? rootStage(copy.fromStage) : null;
      const ecosystem = copy.fromStage ? stageEcosystem(copy.fromStage) : null;
      const advice = muslBuildAdvice(ecosystem, builder && !builder.imageText?.includes('$') ? alpineVariant(builder) : null);
      context.report({
        span: copy.fromSpan,
        message: `Copies ${paths} built in ${source} into ${target}: glibc-linked programs fail on musl with "not found" or symbol errors. ${advice}, install gcompat, or use a glibc final base such as distroless cc.`,
        related: copy.fromStage
          ? [
              {
                span: fromImageSpan(rootStage(copy.fromStage)),
                message: `${stageLabel(copy.fromStage)} is built on ${imageOf(copy.fromStage)}: ${copy.reason}`,
              },
            ]
          : [],
        fixes: glibcCopyFixes(model, copy.fromStage, copy.into, copy.instruction.span.start),
      });
    }
  },
};

function imageOf(stage: Stage): string {
  return rootStage(stage).resolvedImage ?? rootStage(stage).imageText ?? 'unknown image';
}
