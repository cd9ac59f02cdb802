// MC2004: COPY --from of a dependency tree (node_modules, site-packages or a venv, Ruby gems,
// a Cargo target directory) between stages of different C libraries: the native addons
// inside were built for the other one. MC2001 owns copies of programs into musl; a copy whose
// sources are all such trees (or data) is this rule's, and MC2001 leaves it alone. Programs
// linked against musl copied into glibc (MC2001's reverse) are reported here too.
import { alpineVariant } from '../fixes/stage-libc';
import type { Fix } from '../fixes/types';
import { HAS_ALPINE_VARIANT } from '../knowledge/images';
import { nativeTreeOf, type NativeTree } from '../knowledge/native-trees';
import type { StageCopy } from '../model/types';
import { installsGcompat } from '../model/gcompat';
import { fromImageSpan, isAlpineLike, rootStage, stageLabel, type DockerfileModel, type Stage } from '../model/model';
import { muslProgramCopy } from '../model/musl-program-copies';
import { nativeTreeCopy } from '../model/native-tree-copies';
import type { Rule, RuleContext } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC2004',
    slug: 'native-tree-across-libc',
    severity: 'warning',
    summary:
      'COPY --from of node_modules, site-packages, gems or a Cargo target between glibc and musl stages, or of a musl program into glibc',
    explanation:
      'Installed dependencies carry native addons (bcrypt, sharp, numpy, nokogiri...) compiled against the C library of the stage that installed them. Copied into a stage with the other C library they fail to load ("Error loading shared library", "symbol not found", "not found"). Install the dependencies in a stage on the same C library as the one that runs them.',
    fixable: 'sometimes',
    since: '0.2.0',
  },
  check(context) {
    const { model } = context;
    for (const copy of model.copies) {
      const found = nativeTreeCopy(copy);
      if (!found) {
        reportMuslProgram(context, copy);
        continue;
      }
      const { trees, from, to } = found;
      // gcompat is the supported way to load glibc code on musl; trust a stage that has it.
      if (from === 'glibc' && installsGcompat(copy.into)) continue;
      const source = copy.fromStage
        ? `stage ${stageLabel(copy.fromStage)} (${imageOf(copy.fromStage)}, ${from})`
        : `image \`${copy.fromImage}\` (${from})`;
      const target = `stage ${stageLabel(copy.into)} (${imageOf(copy.into)}, ${to})`;
      const what = [...new Set(trees.map((t) => t.what))].join(' and ');
      const paths = copy.sources.filter((s) => nativeTreeOf(s.path)).map((s) => `\`${s.path}\``);
      const advice = [...new Set(trees.map((t) => t.advice))].join('; ');
      const natives = [...new Set(trees.map((t) => t.natives))].join(' and ');
      context.report({
        span: copy.fromSpan,
        message: `Copies ${what} (${paths.join(', ')}) installed in ${source} into ${target}: any ${natives} inside were built against ${from} and fail to load on ${to}. Instead, ${advice}.`,
        related: copy.fromStage
          ? [
              {
                span: fromImageSpan(rootStage(copy.fromStage)),
                message: `${stageLabel(copy.fromStage)} is built on ${imageOf(copy.fromStage)}: ${copy.reason}`,
              },
            ]
          : [],
        fixes: builderFixes(model, copy, to, trees),
      });
    }
  },
};

/** A program linked against musl (an Alpine builder with a C toolchain) copied into a glibc stage. */
function reportMuslProgram(context: RuleContext, copy: StageCopy): void {
  const toolchain = muslProgramCopy(context.model, copy);
  if (!toolchain || !copy.fromStage) return;
  const paths = copy.sources.map((s) => `\`${s.path}\``).join(', ');
  context.report({
    span: copy.fromSpan,
    message: `Copies ${paths} built in stage ${stageLabel(copy.fromStage)} (${imageOf(copy.fromStage)}, musl, with \`${toolchain}\`) into stage ${stageLabel(copy.into)} (${imageOf(copy.into)}, glibc): a program linked against musl asks for /lib/ld-musl-*.so.1, which glibc bases lack, and fails with "not found". Link it statically (\`-static\`, \`CGO_ENABLED=0\`) or build it in a stage on the same C library as the final one.`,
    related: [
      {
        span: fromImageSpan(rootStage(copy.fromStage)),
        message: `${stageLabel(copy.fromStage)} is built on ${imageOf(copy.fromStage)}: ${copy.reason}`,
      },
    ],
    fixes: builderFixes(context.model, copy, 'glibc', []),
  });
}

/** Moves the builder stage to a variant of its image with the target's C library. */
function builderFixes(model: DockerfileModel, copy: StageCopy, to: 'musl' | 'glibc', trees: NativeTree[]): Fix[] {
  const root = copy.fromStage ? rootStage(copy.fromStage) : null;
  if (!root || !root.reference || root.imageText?.includes('$')) return [];
  // A builder that feeds stages of both C libraries cannot serve both.
  const fed = model.copies.filter((c) => c.fromStage && rootStage(c.fromStage) === root).map((c) => c.into);
  if (fed.some((s) => libcOf(s) !== to)) return [];
  const variant = to === 'musl' ? alpineVariant(root) : glibcVariant(root);
  if (!variant) return [];
  return [
    {
      title: trees.length
        ? `Install the ${trees.map((t) => t.ecosystem).join('/')} dependencies in ${variant} (${to}), a variant of the builder image`
        : `Build in ${variant} (${to}), a variant of the builder image`,
      safety: 'unsafe',
      preferred: true,
      edits: [{ span: fromImageSpan(root), newText: variant }],
      key: `tree-builder:${root.from.span.start}`,
    },
  ];
}

/** `node:20-alpine3.19` → `node:20`; `python:alpine` → `python:latest`, for official images. */
function glibcVariant(stage: Stage): string | null {
  const ref = stage.reference;
  if (!ref || !ref.official || ref.digest || !ref.tag || !HAS_ALPINE_VARIANT.includes(ref.name)) return null;
  const tag = ref.tag.replace(/-?alpine[\d.]*/, '').replace(/^-|-$/g, '');
  return `${ref.name}:${tag || 'latest'}`;
}

function libcOf(stage: Stage): 'musl' | 'glibc' | null {
  if (isAlpineLike(stage)) return 'musl';
  return stage.libc === 'glibc' ? 'glibc' : null;
}

function imageOf(stage: Stage): string {
  return rootStage(stage).resolvedImage ?? rootStage(stage).imageText ?? 'unknown image';
}
