// The main fix: replace a RUN's sgerrand-style glibc install (key, downloads, `apk add` of
// the apks, /usr/glibc-compat steps, cleanup, glibc-only variables) with `apk add gcompat`,
// keeping every other command of the RUN as it was written.
import {
  FIRST_ALPINE_WITH_GCOMPAT,
  GCOMPAT_INSTALL,
  GLIBC_PACKAGE_NAMES,
  glibcPrefixIn,
  classifyGlibcUrl,
  isGlibcApkFileName,
} from '../knowledge/glibc';
import { readApk } from '../model/apk';
import type { RunCommands } from '../parse/run-commands';
import { readDownload } from '../model/downloads';
import {
  carriesGlibcKeyPem,
  isApkAdd,
  isGlibcApkPath,
  isGlibcApkTarget,
  isInApkKeysDir,
  namesGlibcKey,
  readFileTransfer,
  stageEvidence,
  type StageEvidence,
} from '../model/glibc-evidence';
import { rootStage, type DockerfileModel, type Stage } from '../model/model';
import type { ParsedDockerfile } from '../parse/dockerfile';
import type { ShellCommand } from '../parse/shell';
import { escapeRegExp, type Span } from '../parse/text';
import { isPlainSeparator, removeFromSequence, removeInstruction } from './text-edits';
import type { Edit, Fix } from './types';

type Role = 'keep' | 'remove' | 'install' | 'mixed-install';

// By stage, then RUN: a ParseCache hands the same RunCommands to later analyses, and to other
// documents, whose stages may call for another fix.
const cache = new WeakMap<Stage, Map<RunCommands, Fix | null>>();

/**
 * The gcompat fix for a RUN, or null when the RUN's shape makes an automatic edit unsafe.
 * With `finding`, also null unless the fix's edits remove that span: a command the fix
 * cannot classify stays, and so would its finding.
 */
export function gcompatInstallFix(model: DockerfileModel, stage: Stage, run: RunCommands, finding?: Span): Fix | null {
  let fixes = cache.get(stage);
  if (!fixes) {
    fixes = new Map();
    cache.set(stage, fixes);
  }
  let fix = fixes.get(run);
  if (fix === undefined) {
    fix = buildFix(model, stage, run);
    fixes.set(run, fix);
  }
  if (fix && finding && !fix.edits.some((e) => e.span.start <= finding.start && finding.end <= e.span.end)) return null;
  return fix;
}

function buildFix(model: DockerfileModel, stage: Stage, run: RunCommands): Fix | null {
  if (run.execForm || run.instruction.heredocs.length || run.hasErrors) return null;
  const evidence = stageEvidence(stage);
  const roles = run.commands.map((command) => roleOf(command, evidence));
  if (run.commands.some((command, i) => roles[i] !== 'keep' && !command.topLevel)) return null;
  const top = run.commands.filter((c) => c.topLevel);
  const topRoles = top.map((c) => roles[run.commands.indexOf(c)]);
  if (!topRoles.some((r) => r !== 'keep')) return null;
  const text = model.parsed.text;
  for (let i = 1; i < top.length; i++) {
    if (!isPlainSeparator(text.slice(top[i - 1].span.end, top[i].span.start), model.parsed.escapeChar)) return null;
  }

  const edits: Edit[] = [];
  const installAt = topRoles.indexOf('install');
  const mixedAt = topRoles.indexOf('mixed-install');
  const remove = topRoles.map((role, i) => role === 'remove' || (role === 'install' && i !== installAt));
  if (installAt >= 0) {
    edits.push({ span: top[installAt].span, newText: GCOMPAT_INSTALL });
    // A mixed install next to a pure one only loses its glibc words.
    if (mixedAt >= 0) edits.push(...dropGlibcTargets(top[mixedAt], evidence, model.parsed, null));
  } else if (mixedAt >= 0) {
    edits.push(...dropGlibcTargets(top[mixedAt], evidence, model.parsed, 'gcompat'));
  }
  // Removing the leading commands must not leave a first word that reads as a RUN flag.
  const firstKept = remove.indexOf(false);
  if (firstKept > 0 && firstKept !== installAt && text.startsWith('-', top[firstKept].span.start)) return null;
  const sequence = removeFromSequence(
    top.map((c) => c.span),
    remove,
  );
  const title = installAt >= 0 || mixedAt >= 0 ? 'Replace the glibc install with gcompat' : 'Remove the glibc download steps';
  if (sequence === null) edits.push(removeInstruction(model.parsed, run.instruction));
  else edits.push(...sequence);
  edits.push(...unusedGlibcVariables(model, stage, edits));
  // gcompat arrived in Alpine 3.12: on an older release the new `apk add` would fail.
  const installs = installAt >= 0 || mixedAt >= 0;
  const release = alpineRelease(stage);
  if (installs && release && compareRelease(release, FIRST_ALPINE_WITH_GCOMPAT) < 0) {
    const [major, minor] = FIRST_ALPINE_WITH_GCOMPAT;
    return {
      title: `${title} (gcompat needs Alpine ${major}.${minor} or later)`,
      safety: 'unsafe',
      preferred: true,
      edits,
      key: `gcompat-install:${run.instruction.span.start}`,
    };
  }
  return { title, safety: 'safe', preferred: true, edits, key: `gcompat-install:${run.instruction.span.start}` };
}

/** The Alpine release a stage is built on, when its image tag says so (`alpine:3.9`, `node:12-alpine3.9`). */
export function alpineRelease(stage: Stage): [number, number] | null {
  const reference = rootStage(stage).reference;
  if (!reference?.tag) return null;
  const match = (reference.name === 'alpine' ? /^(\d+)\.(\d+)/ : /alpine-?(\d+)\.(\d+)/).exec(reference.tag);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

/** Orders two `[major, minor]` releases. */
export function compareRelease(a: readonly [number, number], b: readonly [number, number]): number {
  return a[0] - b[0] || a[1] - b[1];
}

function roleOf(command: ShellCommand, evidence: StageEvidence): Role {
  const apk = readApk(command);
  if (apk && isApkAdd(apk) && apk.targets.length) {
    const glibc = apk.targets.filter((t) => isGlibcApkTarget(t, evidence)).length;
    if (glibc === apk.targets.length) return 'install';
    if (glibc > 0) return 'mixed-install';
    return 'keep';
  }
  if (apk?.applet?.value === 'del' && apk.targets.length && apk.targets.every((t) => GLIBC_PACKAGE_NAMES.includes(t.name))) return 'remove';
  const download = readDownload(command);
  if (download && download.files.length && download.files.every((f) => classifyGlibcUrl(f.url.value))) return 'remove';
  const words = [command.name, ...command.args, ...command.redirects.map((r) => r.target), ...command.assignments.map((a) => a.value)];
  if (words.some((w) => w && (glibcPrefixIn(w.value) || glibcPrefixIn(w.raw)))) return 'remove';
  if (
    command.redirects.some((r) => r.target && isInApkKeysDir(r.target.value) && (namesGlibcKey(r.target) || carriesGlibcKeyPem(command)))
  ) {
    return 'remove';
  }
  const name = command.name?.value.split('/').pop();
  const operands = command.args.filter((a) => !a.value.startsWith('-'));
  if (name === 'rm' && operands.length && operands.every((a) => isGlibcFile(a.value, evidence))) return 'remove';
  const transfer = readFileTransfer(command);
  if (
    transfer &&
    transfer.destinations.every((d) => isInApkKeysDir(d.value)) &&
    (transfer.sources.length
      ? transfer.sources.every(namesGlibcKey)
      : transfer.destinations.every(namesGlibcKey) || carriesGlibcKeyPem(command))
  ) {
    return 'remove';
  }
  if (!command.name && command.assignments.length && command.assignments.every((a) => isGlibcVariable(a.name, a.value?.value ?? '')))
    return 'remove';
  return 'keep';
}

function isGlibcFile(path: string, evidence: StageEvidence): boolean {
  if (isGlibcApkPath(path, evidence)) return true;
  return isInApkKeysDir(path) && namesGlibcKey({ value: path, raw: path, span: { start: 0, end: 0 }, dynamic: false, quoted: false });
}

function isGlibcVariable(name: string, value: string): boolean {
  return /GLIBC/i.test(name) || classifyGlibcUrl(value) !== null || isGlibcApkFileName(value.split('/').pop() ?? '');
}

/** Removes the glibc words of a mixed `apk add`, optionally putting `gcompat` in the first one's place. */
function dropGlibcTargets(command: ShellCommand, evidence: StageEvidence, doc: ParsedDockerfile, replacement: string | null): Edit[] {
  const apk = readApk(command)!;
  const glibc = apk.targets.filter((t) => isGlibcApkTarget(t, evidence));
  return glibc.map((target, index) => {
    if (index === 0 && replacement) return { span: target.word.span, newText: replacement };
    return { span: wordRemoval(doc, target.word.span), newText: '' };
  });
}

/**
 * The text to delete with a word: the blanks and line continuations back to the previous
 * word, so no empty continuation line is left behind. A comment line in between is kept:
 * then the word's own line goes, with its continuation.
 */
function wordRemoval(doc: ParsedDockerfile, word: Span): Span {
  const { text, escapeChar } = doc;
  let start = word.start;
  for (;;) {
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (text[start - 1] !== '\n' && text[start - 1] !== '\r') return { start, end: word.end };
    let lineEnd = start - 1;
    if (text[lineEnd] === '\n' && text[lineEnd - 1] === '\r') lineEnd--;
    let before = lineEnd;
    while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
    if (text[before - 1] !== escapeChar) break;
    start = before - 1;
  }
  const after = new RegExp(`^[ \\t]*${escapeChar === '\\' ? '\\\\' : '`'}[ \\t]*(\\r\\n|\\r|\\n)`).exec(text.slice(word.end));
  return { start, end: after ? word.end + after[0].length : word.end };
}

/** ENV/ARG instructions that only hold glibc variables no longer used once `edits` apply. */
function unusedGlibcVariables(model: DockerfileModel, stage: Stage, edits: readonly Edit[]): Edit[] {
  const text = model.parsed.text;
  const candidates = [...model.preamble, ...stage.instructions].filter(
    (i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && i.properties.length > 0 && i.properties.every((p) => /GLIBC/i.test(p.name)),
  );
  const result: Edit[] = [];
  // Removing one variable can free another that only it used: repeat until nothing changes.
  for (let changed = true; changed;) {
    changed = false;
    for (const instruction of candidates) {
      const removal = removeInstruction(model.parsed, instruction);
      const taken = [...edits, ...result].map((e) => e.span);
      if (taken.some((t) => t.start < removal.span.end && removal.span.start < t.end)) continue;
      const gone = [...taken, removal.span];
      if (instruction.properties.some((p) => referencesOutside(text, p.name, gone))) continue;
      result.push(removal);
      changed = true;
    }
  }
  return result;
}

function referencesOutside(text: string, name: string, gone: readonly { start: number; end: number }[]): boolean {
  const pattern = new RegExp(`\\$\\{?${escapeRegExp(name)}(?![A-Za-z0-9_])`, 'g');
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const at = match.index;
    if (!gone.some((s) => s.start <= at && at < s.end)) return true;
  }
  return false;
}
