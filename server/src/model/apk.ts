// Understands `apk` command lines: global options (with their values), the applet, and the
// packages, `.apk` files and URLs it is given.
import type { ShellCommand, ShellWord } from '../parse/shell';
import { memoisedByObject } from './memo';

/** One option of an apk call, with its value when it takes one. */
export interface ApkOption {
  name: string;
  word: ShellWord;
  value: ShellWord | null;
}

/** What an apk argument names. */
export type ApkTargetKind = 'package' | 'file' | 'url';

/** One package, file or URL given to apk. */
export interface ApkTarget {
  kind: ApkTargetKind;
  word: ShellWord;
  /** The package name without a version constraint, or the file/URL's last segment. */
  name: string;
}

/** A parsed apk invocation. */
export interface ApkCall {
  readonly command: ShellCommand;
  /** `add`, `del`, `update`, ... or null when only options were given. */
  readonly applet: ShellWord | null;
  readonly options: readonly ApkOption[];
  readonly targets: readonly ApkTarget[];
}

const OPTIONS_WITH_VALUE = new Set([
  '-t',
  '--virtual',
  '-X',
  '--repository',
  '-p',
  '--root',
  '--arch',
  '--keys-dir',
  '--repositories-file',
  '--cache-dir',
  '--cache-max-age',
  '--timeout',
  '--print-arch',
  '--wait',
  '--from',
]);

/**
 * Reads an apk command, or returns null when the command is not apk. Several rules and the
 * gcompat fix ask about the same commands, which a ParseCache also carries over from the last
 * analysis, so each command is read once.
 */
export const readApk: (command: ShellCommand) => ApkCall | null = memoisedByObject(readApkCall);

function readApkCall(command: ShellCommand): ApkCall | null {
  if (command.name?.value.split('/').pop() !== 'apk') return null;
  const call = { command, applet: null as ShellWord | null, options: [] as ApkOption[], targets: [] as ApkTarget[] };
  const args = command.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const text = word.value;
    if (text.startsWith('-') && text.length > 1) {
      const eq = text.indexOf('=');
      const name = eq > 0 ? text.slice(0, eq) : text;
      let value: ShellWord | null = null;
      if (eq > 0) value = { ...word, value: text.slice(eq + 1) };
      else if (OPTIONS_WITH_VALUE.has(name) && args[i + 1]) value = args[++i];
      call.options.push({ name, word, value });
      continue;
    }
    if (!call.applet) {
      call.applet = word;
      continue;
    }
    call.targets.push(classifyTarget(word));
  }
  return call;
}

function classifyTarget(word: ShellWord): ApkTarget {
  const text = word.value;
  const last = text.split('/').pop() ?? text;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { kind: 'url', word, name: last.split('?')[0] };
  if (text.endsWith('.apk') || text.includes('/')) return { kind: 'file', word, name: last };
  return { kind: 'package', word, name: text.split(/[=<>~]/)[0] };
}

/** True when an apk call has the option (any of its spellings). */
export function hasApkOption(call: ApkCall, ...names: string[]): ApkOption | undefined {
  return call.options.find((o) => names.includes(o.name));
}
