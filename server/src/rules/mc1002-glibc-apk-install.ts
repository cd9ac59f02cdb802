// MC1002: `apk add` of sgerrand-style glibc packages, by name, by .apk file or by URL.
import { gcompatInstallFix } from '../fixes/gcompat-install';
import { alpineStages, isApkAdd, isGlibcApkTarget, stageEvidence } from '../model/glibc-evidence';
import type { RelatedLocation, Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC1002',
    slug: 'glibc-apk-install',
    severity: 'warning',
    summary: '`apk add` installs glibc packages on musl-based Alpine',
    explanation:
      "The glibc, glibc-bin and glibc-i18n apks (sgerrand/alpine-pkg-glibc and its forks) put a second C library next to musl. glibc programs then load musl-built libraries for some symbols and crash or misbehave. Alpine's own gcompat package runs glibc binaries on musl without mixing the two.",
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of alpineStages(model)) {
      const evidence = stageEvidence(stage);
      const keyDownloads: RelatedLocation[] = evidence.downloads
        .filter((d) => d.kind === 'key')
        .map((d) => ({ span: d.file.url.span, message: 'the glibc signing key is fetched here' }));
      for (const { run, call } of evidence.apkCalls) {
        if (!isApkAdd(call)) continue;
        for (const target of call.targets) {
          if (!isGlibcApkTarget(target, evidence)) continue;
          const fix = gcompatInstallFix(model, stage, run, target.word.span);
          context.report({
            span: target.word.span,
            message: `\`apk add ${target.word.value}\` installs glibc on musl-based Alpine, so programs mix two C libraries and crash or misbehave. Install Alpine's \`gcompat\` instead (\`apk add --no-cache gcompat\`).`,
            related: keyDownloads,
            fixes: fix ? [fix] : [],
          });
        }
      }
    }
  },
};
