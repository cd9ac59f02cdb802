// MC1004: a URL that fetches glibc apks (any <owner>/alpine-pkg-glibc repository on GitHub,
// alpine-pkgs.sgerrand.com), wherever it is written: RUN words, ARG/ENV values, ADD sources.
import { gcompatInstallFix } from '../fixes/gcompat-install';
import { classifyGlibcUrl, GLIBC_APK_HOSTS } from '../knowledge/glibc';
import { alpineStages } from '../model/glibc-evidence';
import { preambleWords, stageWords, type LocatedWord } from '../model/words';
import type { Rule } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC1004',
    slug: 'glibc-apk-download',
    severity: 'warning',
    summary: 'Downloads glibc apks for Alpine from a third-party repository',
    explanation:
      "alpine-pkg-glibc releases (sgerrand's and its forks) and alpine-pkgs.sgerrand.com ship glibc builds packaged as apks. They are not Alpine packages, get no Alpine security updates, and bolt a second C library onto musl. Alpine's gcompat package is the supported way to run glibc programs.",
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    const stages = alpineStages(model);
    // The fix is built only for a word that matched: most RUNs of an Alpine stage fetch no glibc.
    const check = (located: LocatedWord, fixFor: (() => ReturnType<typeof gcompatInstallFix>) | null): void => {
      const url = glibcUrlIn(located.word.raw);
      if (!url) return;
      const fix = fixFor ? fixFor() : null;
      context.report({
        span: located.word.span,
        message: `Fetches glibc apks from \`${url}\`, an unofficial source that bolts glibc onto musl. Remove the download and install Alpine's \`gcompat\` (\`apk add --no-cache gcompat\`).`,
        fixes: fix ? [fix] : [],
      });
    };
    if (stages.length) for (const located of preambleWords(model)) check(located, null);
    for (const stage of stages) {
      for (const located of stageWords(model, stage)) {
        const run = located.run;
        check(located, run ? () => gcompatInstallFix(model, stage, run, located.word.span) : null);
      }
    }
  },
};

/** Hosts that glibc apks are fetched from: GitHub's (for alpine-pkg-glibc repositories) and the dedicated ones. */
const URL_HOSTS = ['github.com', 'raw.githubusercontent.com', 'objects.githubusercontent.com', ...GLIBC_APK_HOSTS];

/**
 * The host and repository of the first glibc apk URL written in a word (keys excluded:
 * MC1003). Scans with indexOf rather than a URL regex, which backtracks quadratically on
 * long words.
 */
function glibcUrlIn(raw: string): string | null {
  const lower = raw.toLowerCase();
  if (!lower.includes('alpine-pkg-glibc') && !GLIBC_APK_HOSTS.some((host) => lower.includes(host))) return null;
  for (const [token] of raw.matchAll(/[^\s"'`]+/g)) {
    const folded = token.toLowerCase();
    for (const host of URL_HOSTS) {
      for (let at = folded.indexOf(host); at >= 0; at = folded.indexOf(host, at + 1)) {
        // The host must start the URL: not `mygithub.com`.
        if (at > 0 && /[a-z0-9.-]/.test(folded[at - 1])) continue;
        const url = token.slice(at);
        const kind = classifyGlibcUrl(url);
        if (kind !== 'apk' && kind !== 'release') continue;
        const [, owner, repo] = url.split('/');
        return host.includes('github') ? `${host}/${owner}/${repo}` : host;
      }
    }
  }
  return null;
}
