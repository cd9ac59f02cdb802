// MC1003: a glibc apk signing key (sgerrand, andyshinn, any alpine-pkg-glibc fork) put into
// /etc/apk/keys, by download, redirect, copy or COPY/ADD.
import { gcompatInstallFix } from '../fixes/gcompat-install';
import { APK_KEYS_DIR, classifyGlibcUrl, glibcKeyName, SGERRAND_KEY_PEM_PREFIX } from '../knowledge/glibc';
import type { DownloadedFile } from '../model/downloads';
import { alpineStages, carriesGlibcKeyPem, isInApkKeysDir, namesGlibcKey, readFileTransfer, stageEvidence } from '../model/glibc-evidence';
import type { Stage } from '../model/model';
import { copyOperands } from '../model/words';
import type { ShellWord } from '../parse/shell';
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
      const fixFor = (run: Parameters<typeof gcompatInstallFix>[2], span: Span): Fix[] => {
        const fix = gcompatInstallFix(model, stage, run, span);
        return fix ? [fix] : [];
      };
      for (const download of evidence.downloads) {
        const intoKeys = download.file.path !== null && isInApkKeysDir(download.file.path);
        if (download.kind === 'key' || (intoKeys && namesGlibcKey(download.file.url))) {
          report(context, download.file.url.span, keyName(keyWords(download.file)), fixFor(download.run, download.file.url.span));
        }
      }
      for (const run of stage.runs) {
        for (const command of run.commands) {
          for (const redirect of command.redirects) {
            const target = redirect.target;
            if (!target || !isInApkKeysDir(target.value)) continue;
            const pem = carriesGlibcKeyPem(command);
            if (pem || namesGlibcKey(target)) report(context, target.span, keyName([target], pem), fixFor(run, target.span));
          }
          const transfer = readFileTransfer(command);
          if (!transfer) continue;
          for (const destination of transfer.destinations) {
            if (!isInApkKeysDir(destination.value)) continue;
            const named = [destination, ...transfer.sources].filter(namesGlibcKey);
            if (named.length || (transfer.tool === 'tee' && carriesGlibcKeyPem(command))) {
              report(
                context,
                destination.span,
                keyName(named, transfer.tool === 'tee' && carriesGlibcKeyPem(command)),
                fixFor(run, destination.span),
              );
            }
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
    const { sources, destination, heredocs } = copyOperands(model, instruction, stage.scopes.get(instruction) ?? stage.scope);
    if (!destination) continue;
    const intoKeys = isInApkKeysDir(destination.word.value);
    let reported = false;
    for (const { word } of sources) {
      if (classifyGlibcUrl(word.value) === 'key' || (intoKeys && glibcKeyName(word.value) !== null)) {
        report(context, word.span, keyName([destination.word, word]), []);
        reported = true;
      }
    }
    const pem = heredocs.some((h) => h.text.includes(SGERRAND_KEY_PEM_PREFIX));
    if (!reported && intoKeys && (pem || namesGlibcKey(destination.word))) {
      report(context, destination.word.span, keyName([destination.word], pem), []);
    }
  }
}

/** The glibc key file name among the words, sgerrand's for a pasted copy, else the first word's file name. */
function keyName(words: readonly ShellWord[], pem = false): string {
  for (const word of words) {
    const name = glibcKeyName(word.value);
    if (name) return name;
  }
  if (pem) return 'sgerrand.rsa.pub';
  const first = words[0]?.value ?? '';
  const last = first.split('/').filter(Boolean).pop();
  // A bare directory (`/etc/apk/keys/`) names no key.
  return last && !first.endsWith('/') && !isInApkKeysDirItself(first) ? last : 'the key';
}

function report(context: RuleContext, span: Span, key: string, fixes: Fix[]): void {
  context.report({
    span,
    message: `Trusts ${key === 'the key' ? key : `\`${key}\``}, the signing key of the unofficial glibc apks, in ${APK_KEYS_DIR}: it only serves to bolt glibc onto musl. Drop the key and install Alpine's \`gcompat\`, which needs none.`,
    fixes,
  });
}

/** The destination (when it is a file) and the URL of a key download, destination first. */
function keyWords(file: DownloadedFile): ShellWord[] {
  const destination = file.path && !file.path.endsWith('/') ? [{ ...file.url, value: file.path }] : [];
  return [...destination, file.url];
}

/** True for `/etc/apk/keys` itself, with any number of trailing slashes. */
function isInApkKeysDirItself(path: string): boolean {
  return path.startsWith(APK_KEYS_DIR) && [...path.slice(APK_KEYS_DIR.length)].every((c) => c === '/');
}
