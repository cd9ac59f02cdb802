// Understands downloads: which URLs wget and curl fetch and where each one lands, what
// `pip install` fetches, and commands of the catalog that download glibc builds.
import { GLIBC_INSTALL_COMMANDS, type GlibcInstallCommand } from '../knowledge/glibc-downloads';
import type { ShellCommand, ShellWord } from '../parse/shell';
import type { Span } from '../parse/text';
import { memoisedByObject } from './memo';

/** One URL fetched, and the file it is written to (null for stdout or unknown). */
export interface DownloadedFile {
  readonly url: ShellWord;
  /** The destination path as resolved; relative paths stay relative. */
  readonly path: string | null;
  /** The word that names the destination, when the command names one. */
  readonly pathWord: ShellWord | null;
  /** True when the file's name is taken from the URL (`wget URL`, `curl -O URL`). */
  readonly namedByUrl: boolean;
}

/** A wget or curl call. */
export interface Download {
  readonly command: ShellCommand;
  readonly tool: 'wget' | 'curl';
  readonly files: readonly DownloadedFile[];
}

const WGET_VALUE_OPTIONS = new Set([
  '-O',
  '-P',
  '-o',
  '-a',
  '-e',
  '-i',
  '-B',
  '-T',
  '-t',
  '-w',
  '-U',
  '-Q',
  '-l',
  '-A',
  '-R',
  '-D',
  '-I',
  '-X',
  '--header',
  '--user',
  '--password',
  '--output-document',
  '--directory-prefix',
  '--output-file',
  '--user-agent',
  '--tries',
  '--timeout',
  '--post-data',
  '--method',
  '--body-data',
  '--ca-certificate',
  '--certificate',
  '--private-key',
]);
const CURL_VALUE_OPTIONS = new Set([
  '-o',
  '-H',
  '-d',
  '-u',
  '-A',
  '-e',
  '-x',
  '-X',
  '-w',
  '-m',
  '-T',
  '-b',
  '-c',
  '-r',
  '-C',
  '-K',
  '-E',
  '-F',
  '-z',
  '-y',
  '-Y',
  '--output',
  '--output-dir',
  '--header',
  '--data',
  '--data-binary',
  '--data-raw',
  '--user',
  '--user-agent',
  '--proxy',
  '--request',
  '--write-out',
  '--max-time',
  '--connect-timeout',
  '--retry',
  '--retry-delay',
  '--cacert',
  '--cert',
  '--key',
  '--form',
  '--referer',
  '--upload-file',
  '--cookie',
  '--cookie-jar',
  '--range',
  '--config',
]);

/** Reads a wget/curl command, or returns null for other commands. Each command is read once (see readApk). */
export const readDownload: (command: ShellCommand) => Download | null = memoisedByObject(readDownloadCommand);

function readDownloadCommand(command: ShellCommand): Download | null {
  const tool = command.name?.value.split('/').pop();
  if (tool === 'wget') return readWget(command);
  if (tool === 'curl') return readCurl(command);
  return null;
}

interface Options {
  values: Map<string, ShellWord>;
  flags: Set<string>;
  positional: ShellWord[];
}

/** Splits arguments into options (short ones may be bundled: `-qO-`, `-sLo`) and positionals. */
function splitOptions(args: readonly ShellWord[], withValue: Set<string>): Options {
  const values = new Map<string, ShellWord>();
  const flags = new Set<string>();
  const positional: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const text = word.value;
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const name = eq > 0 ? text.slice(0, eq) : text;
      if (eq > 0) values.set(name, { ...word, value: text.slice(eq + 1) });
      else if (withValue.has(name) && args[i + 1]) values.set(name, args[++i]);
      else flags.add(name);
    } else if (text.startsWith('-') && text.length > 1) {
      for (let k = 1; k < text.length; k++) {
        const name = `-${text[k]}`;
        if (withValue.has(name)) {
          const rest = text.slice(k + 1);
          if (rest) values.set(name, { ...word, value: rest });
          else if (args[i + 1]) values.set(name, args[++i]);
          break;
        }
        flags.add(name);
      }
    } else positional.push(word);
  }
  return { values, flags, positional };
}

function lastSegment(url: string): string {
  const path = url.split(/[?#]/)[0];
  return path.split('/').filter(Boolean).pop() ?? '';
}

function joinPath(dir: string, name: string): string {
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function readWget(command: ShellCommand): Download {
  const { values, positional } = splitOptions(command.args, WGET_VALUE_OPTIONS);
  const output = values.get('-O') ?? values.get('--output-document') ?? null;
  const prefix = values.get('-P') ?? values.get('--directory-prefix') ?? null;
  const files = positional.map((url): DownloadedFile => {
    if (output) return { url, path: output.value === '-' ? null : output.value, pathWord: output, namedByUrl: false };
    const name = lastSegment(url.value);
    return { url, path: prefix ? joinPath(prefix.value, name) : name, pathWord: prefix, namedByUrl: true };
  });
  return { command, tool: 'wget', files };
}

function readCurl(command: ShellCommand): Download {
  const { values, flags, positional } = splitOptions(command.args, CURL_VALUE_OPTIONS);
  const output = values.get('-o') ?? values.get('--output') ?? null;
  const dir = values.get('--output-dir') ?? null;
  const remoteName = flags.has('-O') || flags.has('--remote-name') || flags.has('--remote-name-all');
  const redirect = command.redirects.find((r) => r.operator === '>' || r.operator === '>>');
  const files = positional.map((url): DownloadedFile => {
    if (output) return { url, path: dir ? joinPath(dir.value, output.value) : output.value, pathWord: output, namedByUrl: false };
    if (remoteName) {
      const name = lastSegment(url.value);
      return { url, path: dir ? joinPath(dir.value, name) : name, pathWord: dir, namedByUrl: true };
    }
    if (redirect?.target) return { url, path: redirect.target.value, pathWord: redirect.target, namedByUrl: false };
    return { url, path: null, pathWord: null, namedByUrl: false };
  });
  return { command, tool: 'curl', files };
}

// ---------------------------------------------------------------------------------------
// Commands that fetch glibc builds as a side effect (npm install scripts, `playwright
// install`) and pip's arguments, for MC2002.

/** A command of the catalog found in a script, and where to report it. */
export interface GlibcInstallCall {
  readonly entry: GlibcInstallCommand;
  readonly span: Span;
}

const NPM_TOOLS = new Set(['npm', 'yarn', 'pnpm', 'bun', 'cnpm']);
const NPM_INSTALL = new Set(['install', 'i', 'in', 'add']);
/** npm's and pnpm's setting that runs no install script, and so downloads nothing. */
const NPM_IGNORE_SCRIPTS = ['npm_config_ignore_scripts', 'NPM_CONFIG_IGNORE_SCRIPTS'];

function baseName(word: ShellWord | null): string {
  if (!word) return '';
  const slash = word.value.lastIndexOf('/');
  return slash < 0 ? word.value : word.value.slice(slash + 1);
}

/** `puppeteer@22.1.0` → `puppeteer`, `@playwright/test@1.45` → `@playwright/test`. */
function packageName(value: string): string {
  const at = value.indexOf('@', value.startsWith('@') ? 1 : 0);
  return at > 0 ? value.slice(0, at) : value;
}

/**
 * The catalog command this shell command is, unless `isSet` says a variable that skips the
 * download is set for it.
 */
export function readGlibcInstall(command: ShellCommand, isSet: (name: string) => boolean): GlibcInstallCall | null {
  const tool = baseName(command.name);
  // Every catalog command is a package install or has an `install` word: most commands are neither.
  if (!NPM_TOOLS.has(tool) && !command.args.some((a) => a.value === 'install')) return null;
  const inline = new Set(command.assignments.map((a) => a.name));
  const skipped = (entry: GlibcInstallCommand): boolean => (entry.skipVariables ?? []).some((name) => inline.has(name) || isSet(name));
  const words = [command.name, ...command.args].filter((w): w is ShellWord => !!w && !w.value.startsWith('-'));
  const noScripts =
    command.args.some((a) => a.value === '--ignore-scripts' || a.value === '--ignore-scripts=true') ||
    NPM_IGNORE_SCRIPTS.some((name) => inline.has(name) || isSet(name));
  for (const entry of GLIBC_INSTALL_COMMANDS) {
    if (skipped(entry)) continue;
    if (entry.npmPackages && NPM_TOOLS.has(tool) && !noScripts) {
      const rest = words.slice(1);
      if (rest[0]?.value === 'global') rest.shift();
      if (rest[0] && NPM_INSTALL.has(rest[0].value)) {
        const found = rest.slice(1).find((w) => entry.npmPackages!.includes(packageName(w.value)));
        if (found) return { entry, span: found.span };
      }
    }
    for (const sequence of entry.words ?? []) {
      for (let i = 0; i + sequence.length <= words.length; i++) {
        const names = words.slice(i, i + sequence.length).map((w, k) => (i + k === 0 ? baseName(w) : packageName(w.value)));
        if (names.every((name, k) => name === sequence[k])) {
          return { entry, span: { start: words[i].span.start, end: words[i + sequence.length - 1].span.end } };
        }
      }
    }
  }
  return null;
}

/** What a `pip install` call fetches: its package arguments and a forced `--platform`. */
export interface PipInstall {
  readonly command: ShellCommand;
  /** Requirement and file/URL arguments (option values left out). */
  readonly packages: readonly ShellWord[];
  /** The `--platform` value, when one is forced. */
  readonly platform: ShellWord | null;
  /** The `--target`/`-t` directory, when one is given. */
  readonly target: ShellWord | null;
}

const PIP_VALUE_OPTIONS = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-e',
  '--editable',
  '-t',
  '--target',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--root',
  '--prefix',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '--src',
  '--upgrade-strategy',
  '--only-binary',
  '--no-binary',
  '--progress-bar',
  '--report',
  '--config-settings',
  '--global-option',
  '--cache-dir',
  '--log',
  '--proxy',
  '--retries',
  '--timeout',
  '--trusted-host',
  '--cert',
  '--client-cert',
]);

/** Reads `pip install ...`, `pip3 install ...` and `python -m pip install ...`; null for anything else. */
export function readPipInstall(command: ShellCommand): PipInstall | null {
  const tool = baseName(command.name);
  let args = command.args;
  if (/^python[\d.]*$/.test(tool)) {
    const m = args.findIndex((a) => a.value === '-m');
    if (m < 0 || args[m + 1]?.value !== 'pip') return null;
    args = args.slice(m + 2);
  } else if (!/^pip[\d.]*$/.test(tool)) return null;
  const { values, positional } = splitOptions(args, PIP_VALUE_OPTIONS);
  if (positional[0]?.value !== 'install') return null;
  return {
    command,
    packages: positional.slice(1),
    platform: values.get('--platform') ?? null,
    target: values.get('--target') ?? values.get('-t') ?? null,
  };
}
