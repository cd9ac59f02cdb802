// MC1005: the install prefix of glibc on Alpine, /usr/glibc-compat (or the first andyshinn
// packages' /usr/glibc/), used by ldconfig, localedef, LD_LIBRARY_PATH or copied files.
import { gcompatInstallFix } from '../fixes/gcompat-install';
import { glibcPrefixIn } from '../knowledge/glibc';
import { alpineStages } from '../model/glibc-evidence';
import { stageWords } from '../model/words';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC1005',
    slug: 'glibc-compat-prefix',
    severity: 'warning',
    summary: 'Uses /usr/glibc-compat, the prefix of glibc bolted onto Alpine',
    explanation:
      "/usr/glibc-compat holds the loader and libraries of a glibc installed on top of musl (sgerrand's packages, frolvlad/alpine-glibc, AdoptOpenJDK's Alpine images). Running ldconfig or localedef there, pointing LD_LIBRARY_PATH at it or copying libraries into it all depend on the two C libraries mixing, which they do not do reliably.",
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of alpineStages(model)) {
      for (const located of stageWords(model, stage)) {
        const { word } = located;
        // Every prefix starts with /usr/glibc: a substring test spares most words the pattern.
        const prefix = prefixIn(word.value) ?? prefixIn(word.raw);
        if (!prefix) continue;
        const fix = located.run ? gcompatInstallFix(model, stage, located.run, word.span) : null;
        context.report({
          span: word.span,
          message: `\`${prefix.replace(/\/$/, '')}\` is where glibc is bolted onto musl-based Alpine; steps that use it depend on two C libraries mixing. Install Alpine's \`gcompat\` instead, or use a glibc base image.`,
          fixes: fix ? [fix] : [],
        });
      }
    }
  },
};

function prefixIn(text: string): string | null {
  return text.includes('/usr/glibc') ? glibcPrefixIn(text) : null;
}
