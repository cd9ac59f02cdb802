// MC1001: a stage starts FROM an image that bolts glibc onto Alpine.
import { baseImagePlan } from '../fixes/base-image';
import { fromImageSpan, rootStage, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { escapeRegExp } from '../parse/text';
import type { RelatedLocation, Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC1001',
    slug: 'alpine-glibc-base-image',
    severity: 'warning',
    summary: 'FROM an image that bolts glibc onto musl-based Alpine',
    explanation:
      'Alpine is built on musl. Images such as frolvlad/alpine-glibc or anapsix/alpine-java add a second C library, glibc, under /usr/glibc-compat. glibc programs then resolve some symbols against musl-built system libraries: they seem to work, then crash or misbehave, and the image carries two libcs to patch.',
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of model.stages) {
      if (!stage.glibcOnMusl) continue;
      const root = rootStage(stage);
      const span = fromImageSpan(stage);
      if (root === stage) {
        const plan = baseImagePlan(model, stage);
        const what = stage.byName
          ? `looks like an alpine-glibc image: the name says glibc (lower confidence: it is not in muslcheck's list of known images; \`--resolve-images\` reads its history)`
          : `is an alpine-glibc image${stage.evidence ? ` (${stage.evidence})` : ''}`;
        context.report({
          span,
          message: `\`${stage.resolvedImage}\` ${what}: glibc bolted onto musl breaks glibc programs in subtle ways. ${plan.advice}`,
          related: viaArgument(model, stage),
          fixes: plan.fixes,
        });
      } else {
        context.report({
          span,
          message: `Stage ${stageLabel(stage)} builds on stage \`${root.name}\`, which is the alpine-glibc image \`${root.resolvedImage}\`. Change that base: \`alpine\` with \`gcompat\`, or a glibc base such as distroless or debian-slim.`,
          related: [{ span: fromImageSpan(root), message: `stage \`${root.name}\` starts from ${root.resolvedImage}` }],
        });
      }
    }
  },
};

/** Points at the global ARGs that supplied the image, when FROM used variables. */
function viaArgument(model: DockerfileModel, stage: Stage): RelatedLocation[] {
  if (!stage.imageText || !stage.imageText.includes('$')) return [];
  const related: RelatedLocation[] = [];
  for (const instruction of model.preamble) {
    if (instruction.keyword !== 'ARG') continue;
    for (const property of instruction.properties) {
      if (!new RegExp(`\\$\\{?${escapeRegExp(property.name)}(?![A-Za-z0-9_])`).test(stage.imageText)) continue;
      const value = model.globalScope.get(property.name);
      related.push({
        span: property.valueSpan ?? property.nameSpan,
        message: value === undefined ? `ARG ${property.name} has no value here` : `ARG ${property.name} resolves to \`${value}\``,
      });
    }
  }
  return related;
}
