// MC1003: a glibc apk signing key (sgerrand, andyshinn, any alpine-pkg-glibc fork) put into
// /etc/apk/keys, by download, redirect, copy or COPY/ADD.
import { gcompatInstallFix } from '../fixes/gcompat-install';
import { APK_KEYS_DIR, classifyGlibcUrl, glibcKeyName, SGERRAND_KEY_PEM_PREFIX } from '../knowledge/glibc';
import { alpineStages, isInApkKeysDir, namesGlibcKey, stageEvidence } from '../model/glibc-evidence';
import type { Stage } from '../model/model';
import { copyWords } from '../model/words';
import type { Fix } from '../fixes/types';
import type { Span } from '../parse/text';
import type { Rule, RuleContext } from './types';

export const rule: Rule = {
  meta: {
    code: 'MC1003',
    slug: 'glibc-signing-key',
    severity: 'warning',
    summary: 'Trusts the signing key of the unofficial glibc apks in /etc/apk/keys',
    explanation:
      "Adding sgerrand's (or andyshinn's, or a fork's) public key to /etc/apk/keys makes apk trust packages from a third party, only so that glibc can be installed on musl. Alpine's gcompat comes from Alpine's own signed repositories and needs no extra key.",
    fixable: 'sometimes',
    since: '0.1.0',
  },
  check(context) {
    const { model } = context;
    for (const stage of alpineStages(model)) {
      const evidence = stageEvidence(stage);
      const fixFor = (run: Parameters<typeof gcompatInstallFix>[2]): Fix[] => {
        const fix = gcompatInstallFix(model, stage, run);
        return fix ? [fix] : [];
      };
      for (const download of evidence.downloads) {
        const intoKeys = download.file.path !== null && isInApkKeysDir(download.file.path);
        if (download.kind === 'key' || (intoKeys && namesGlibcKey(download.file.url))) {
          report(context, download.file.url.span, keyName(download.file.url.value, download.file.path), fixFor(download.run));
        }
      }
      for (const run of stage.runs) {
        for (const command of run.commands) {
          for (const redirect of command.redirects) {
            const target = redirect.target;
            if (!target || !isInApkKeysDir(target.value)) continue;
            const pem =
              command.text.includes(SGERRAND_KEY_PEM_PREFIX) || (redirect.heredocBody?.text.includes(SGERRAND_KEY_PEM_PREFIX) ?? false);
            if (pem || namesGlibcKey(target)) report(context, target.span, keyName(target.value, null), fixFor(run));
          }
          const name = command.name?.value.split('/').pop();
          if (name !== 'cp' && name !== 'mv' && name !== 'install' && name !== 'ln' && name !== 'tee') continue;
          const operands = command.args.filter((a) => !a.value.startsWith('-'));
          const destination = name === 'tee' ? operands[0] : operands[operands.length - 1];
          if (!destination || !isInApkKeysDir(destination.value)) continue;
          const sources = name === 'tee' ? [] : operands.slice(0, -1);
          if (
            namesGlibcKey(destination) ||
            sources.some(namesGlibcKey) ||
            (name === 'tee' && command.text.includes(SGERRAND_KEY_PEM_PREFIX))
          ) {
            report(context, destination.span, keyName(destination.value, null), fixFor(run));
          }
        }
      }
      checkCopies(context, stage);
    }
  },
};

function checkCopies(context: RuleContext, stage: Stage): void {
  const { model } = context;
  for (const instruction of stage.instructions) {
    if (instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') continue;
    const words = [...copyWords(model, instruction, stage.scopes.get(instruction) ?? stage.scope)];
    if (words.length < 2) continue;
    const destination = words[words.length - 1].word;
    const sources = words.slice(0, -1).map((w) => w.word);
    for (const source of sources) {
      const isKey = classifyGlibcUrl(source.value) === 'key' || (isInApkKeysDir(destination.value) && glibcKeyName(source.value) !== null);
      if (isKey) report(context, source.span, keyName(source.value, destination.value), []);
    }
  }
}

function keyName(source: string, destination: string | null): string {
  return glibcKeyName(destination ?? '') ?? glibcKeyName(source) ?? source.split('/').pop() ?? APK_KEYS_DIR;
}

function report(context: RuleContext, span: Span, key: string, fixes: Fix[]): void {
  context.report({
    span,
    message: `Trusts \`${key}\`, the signing key of the unofficial glibc apks, in ${APK_KEYS_DIR}: it only serves to bolt glibc onto musl. Drop the key and install Alpine's \`gcompat\`, which needs none.`,
    fixes,
  });
}
