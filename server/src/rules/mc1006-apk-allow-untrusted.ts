// MC1006: `apk add --allow-untrusted` installs packages whose signature is not checked.
import { gcompatInstallFix } from '../fixes/gcompat-install';
import { hasApkOption } from '../model/apk';
import { isGlibcApkTarget, stageEvidence } from '../model/glibc-evidence';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC1006',
    slug: 'apk-allow-untrusted',
    severity: 'warning',
    summary: '`apk --allow-untrusted` installs unsigned packages',
    explanation:
      "With --allow-untrusted apk installs a package even when no trusted key signed it, so a tampered or wrong package goes in silently. It is the usual companion of unofficial glibc apks. Sign local packages and add the key to /etc/apk/keys, or install from Alpine's repositories (for glibc programs: gcompat).",
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    // apk itself means Alpine (or an apk-based image), so every stage counts here.
    for (const stage of model.stages) {
      const evidence = stageEvidence(stage);
      for (const { run, call } of evidence.apkCalls) {
        const option = hasApkOption(call, '--allow-untrusted');
        if (!option) continue;
        const glibcOnly = call.targets.length > 0 && call.targets.every((t) => isGlibcApkTarget(t, evidence));
        const fix = glibcOnly ? gcompatInstallFix(model, stage, run, option.word.span) : null;
        context.report({
          span: option.word.span,
          message:
            "`apk --allow-untrusted` installs packages without checking their signature. Sign the package and add its key to /etc/apk/keys, or install from Alpine's repositories (for glibc programs: `gcompat`).",
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};
