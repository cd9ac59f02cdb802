// Understands downloads by wget and curl: which URLs they fetch and where each one lands.
import type { ShellCommand, ShellWord } from '../parse/shell';
import { memoisedByObject } from './memo';

/** One URL fetched, and the file it is written to (null for stdout or unknown). */
export interface DownloadedFile {
  readonly url: ShellWord;
  /** The destination path as resolved; relative paths stay relative. */
  readonly path: string | null;
  /** The word that names the destination, when the command names one. */
  readonly pathWord: ShellWord | null;
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
    if (output) return { url, path: output.value === '-' ? null : output.value, pathWord: output };
    const name = lastSegment(url.value);
    return { url, path: prefix ? joinPath(prefix.value, name) : name, pathWord: prefix };
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
    if (output) return { url, path: dir ? joinPath(dir.value, output.value) : output.value, pathWord: output };
    if (remoteName) {
      const name = lastSegment(url.value);
      return { url, path: dir ? joinPath(dir.value, name) : name, pathWord: dir };
    }
    if (redirect?.target) return { url, path: redirect.target.value, pathWord: redirect.target };
    return { url, path: null, pathWord: null };
  });
  return { command, tool: 'curl', files };
}
