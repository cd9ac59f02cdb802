// Collects, once per stage, the glibc-on-Alpine signatures that several rules and the
// gcompat fix share: glibc downloads and where they land, and apk calls.
import {
  APK_KEYS_DIR,
  classifyGlibcUrl,
  GLIBC_PACKAGE_NAMES,
  glibcKeyName,
  isGlibcApkFileName,
  SGERRAND_KEY_PEM_PREFIX,
  type GlibcUrlKind,
} from '../knowledge/glibc';
import type { ShellCommand, ShellWord } from '../parse/shell';
import { readApk, type ApkCall, type ApkTarget } from './apk';
import type { RunCommands } from '../parse/run-commands';
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
  /** Every file that wget/curl wrote, and whether it is a glibc apk. */
  downloadedFiles: { path: string; glibc: boolean }[];
}

const cache = new WeakMap<Stage, StageEvidence>();

/** The stage's glibc evidence, computed on first use. */
export function stageEvidence(stage: Stage): StageEvidence {
  let evidence = cache.get(stage);
  if (evidence) return evidence;
  evidence = { downloads: [], apkCalls: [], glibcApkPaths: new Set(), downloadedFiles: [] };
  for (const run of stage.runs) {
    for (const command of run.commands) {
      const download = readDownload(command);
      if (download) {
        for (const file of download.files) {
          const kind = classifyGlibcUrl(file.url.value);
          if (file.path) evidence.downloadedFiles.push({ path: file.path, glibc: kind === 'apk' });
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
  return isGlibcApkPath(target.word.value, evidence);
}

/**
 * True when a path names a glibc apk: by its file name, as a path a glibc apk was downloaded
 * to, or as a glob (`/tmp/*.apk`) that matches downloaded glibc apks and nothing else.
 */
export function isGlibcApkPath(path: string, evidence: StageEvidence): boolean {
  const name = path.split('/').pop() ?? '';
  if (isGlibcApkFileName(name) || evidence.glibcApkPaths.has(path) || evidence.glibcApkPaths.has(name)) return true;
  if (!/[*?[]/.test(path)) return false;
  const pattern = globPattern(path);
  const namePattern = globPattern(name);
  // Without tracking `cd`, a file downloaded to a relative path is matched by its name.
  const matched = evidence.downloadedFiles.filter((f) =>
    f.path.startsWith('/') || !path.includes('/') ? pattern.test(f.path) : namePattern.test(f.path.split('/').pop() ?? ''),
  );
  return matched.length > 0 && matched.every((f) => f.glibc);
}

/**
 * A glob's `[...]` as a regular expression class, or null when it cannot be one (a range out
 * of order, such as `[c-$]`): the `[` then counts as a plain character.
 */
function bracketExpression(body: string): string | null {
  const negated = body.startsWith('!');
  const members = negated ? body.slice(1) : body;
  // Members are single UTF-16 units here, as in a class without the u flag.
  for (let i = 0; i + 2 < members.length; i++) {
    if (members[i + 1] !== '-') continue;
    if (members.charCodeAt(i) > members.charCodeAt(i + 2)) return null;
    i += 2;
  }
  return `[${negated ? '^' : ''}${members.replace(/[\\\]^[]/g, '\\$&')}]`;
}

/** A shell glob as a regular expression over a whole path (`*` and `?` stop at `/`). */
function globPattern(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      const bracket = close < 0 ? null : bracketExpression(glob.slice(i + 1, close));
      if (bracket === null) source += '\\[';
      else {
        source += bracket;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
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

/** Files a cp, mv, install, ln or tee command writes, and what it reads (options dropped). */
export interface FileTransfer {
  tool: 'cp' | 'mv' | 'install' | 'ln' | 'tee';
  sources: ShellWord[];
  destinations: ShellWord[];
}

const TRANSFER_TOOLS = new Set(['cp', 'mv', 'install', 'ln', 'tee']);
/** Options of these tools that take the next word as their value. */
const TRANSFER_VALUE_OPTIONS = new Set(['-m', '-o', '-g', '-S', '-t', '--target-directory', '--suffix']);

/** Reads a cp/mv/install/ln/tee command, or returns null for other commands. */
export function readFileTransfer(command: ShellCommand): FileTransfer | null {
  const tool = command.name?.value.split('/').pop() ?? '';
  if (!TRANSFER_TOOLS.has(tool)) return null;
  const operands: ShellWord[] = [];
  let target: ShellWord | null = null;
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const text = args[i].value;
    if (text === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (!text.startsWith('-') || text === '-') {
      operands.push(args[i]);
      continue;
    }
    const eq = text.indexOf('=');
    const name = eq > 0 ? text.slice(0, eq) : text;
    let value: ShellWord | null = eq > 0 ? { ...args[i], value: text.slice(eq + 1) } : null;
    if (!value && TRANSFER_VALUE_OPTIONS.has(name) && tool !== 'tee') value = args[++i] ?? null;
    if ((name === '-t' || name === '--target-directory') && value) target = value;
  }
  if (tool === 'tee') return { tool, sources: [], destinations: operands };
  if (target) return { tool: tool as FileTransfer['tool'], sources: operands, destinations: [target] };
  if (operands.length < 2) return null;
  return { tool: tool as FileTransfer['tool'], sources: operands.slice(0, -1), destinations: [operands[operands.length - 1]] };
}

/** True when a command's text or one of its here-documents holds sgerrand's public key. */
export function carriesGlibcKeyPem(command: ShellCommand): boolean {
  return (
    command.text.includes(SGERRAND_KEY_PEM_PREFIX) || command.redirects.some((r) => r.heredocBody?.text.includes(SGERRAND_KEY_PEM_PREFIX))
  );
}

/** The stages in which rules that assume Alpine apply. */
export function alpineStages(model: DockerfileModel): Stage[] {
  return model.stages.filter(isAlpineLike);
}
