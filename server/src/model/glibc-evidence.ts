// Collects, once per stage, the glibc-on-Alpine signatures that several rules and the
// gcompat fix share: glibc downloads and where they land, and apk calls.
import {
  APK_KEYS_DIR,
  classifyGlibcUrl,
  GLIBC_PACKAGE_NAMES,
  glibcKeyName,
  isGlibcApkFileName,
  type GlibcUrlKind,
} from '../knowledge/glibc';
import type { ShellCommand, ShellWord } from '../parse/shell';
import { readApk, type ApkCall, type ApkTarget } from './apk';
import type { RunCommands } from './commands';
import { readDownload, type DownloadedFile } from './downloads';
import { isAlpineLike, type DockerfileModel, type Stage } from './model';

/** A wget/curl download of a glibc apk, key or release page. */
export interface GlibcDownload {
  run: RunCommands;
  command: ShellCommand;
  file: DownloadedFile;
  kind: GlibcUrlKind;
}

/** An apk call inside a RUN. */
export interface StageApkCall {
  run: RunCommands;
  call: ApkCall;
}

/** What a stage does with glibc. */
export interface StageEvidence {
  downloads: GlibcDownload[];
  apkCalls: StageApkCall[];
  /** Paths (as written and by file name) where glibc apks were downloaded. */
  glibcApkPaths: Set<string>;
}

const cache = new WeakMap<Stage, StageEvidence>();

/** The stage's glibc evidence, computed on first use. */
export function stageEvidence(stage: Stage): StageEvidence {
  let evidence = cache.get(stage);
  if (evidence) return evidence;
  evidence = { downloads: [], apkCalls: [], glibcApkPaths: new Set() };
  for (const run of stage.runs) {
    for (const command of run.commands) {
      const download = readDownload(command);
      if (download) {
        for (const file of download.files) {
          const kind = classifyGlibcUrl(file.url.value);
          if (!kind) continue;
          evidence.downloads.push({ run, command, file, kind });
          if (kind === 'apk' && file.path) {
            evidence.glibcApkPaths.add(file.path);
            evidence.glibcApkPaths.add(file.path.split('/').pop()!);
          }
        }
      }
      const call = readApk(command);
      if (call) evidence.apkCalls.push({ run, call });
    }
  }
  cache.set(stage, evidence);
  return evidence;
}

/** True when an apk target installs glibc: by package name, by file name, or a glibc download. */
export function isGlibcApkTarget(target: ApkTarget, evidence: StageEvidence): boolean {
  if (target.kind === 'package') return GLIBC_PACKAGE_NAMES.includes(target.name);
  if (target.kind === 'url') return classifyGlibcUrl(target.word.value) === 'apk' || isGlibcApkFileName(target.name);
  return isGlibcApkFileName(target.name) || evidence.glibcApkPaths.has(target.word.value) || evidence.glibcApkPaths.has(target.name);
}

/** True for an apk call that adds packages (`apk add`, also with options before the applet). */
export function isApkAdd(call: ApkCall): boolean {
  return call.applet?.value === 'add';
}

/** True for a path inside apk's trusted keys directory. */
export function isInApkKeysDir(path: string): boolean {
  const normal = path.replace(/\/+/g, '/');
  return normal === APK_KEYS_DIR || normal.startsWith(`${APK_KEYS_DIR}/`);
}

/** True when a word names a glibc signing key (by name or by a glibc URL). */
export function namesGlibcKey(word: ShellWord): boolean {
  return glibcKeyName(word.value) !== null || classifyGlibcUrl(word.value) === 'key';
}

/** The stages in which rules that assume Alpine apply. */
export function alpineStages(model: DockerfileModel): Stage[] {
  return model.stages.filter(isAlpineLike);
}
