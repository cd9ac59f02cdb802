// Command-line options: parsed with Node's own util.parseArgs, validated into one record.
// Settings that a configuration file can also hold become a ConfigLayer, the highest one.
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { splitList } from '../config/merge';
import { knownCodes } from '../config/schema';
import { FAILURE_THRESHOLDS, type ConfigLayer, type FailureThreshold } from '../config/types';
import { FORMATTERS, formatterNamed } from '../outputs/index';

/** Everything the command line said. */
export interface CliOptions {
  /** `lint` (Dockerfiles) or `image` (`muslcheck image TARGET`: a built image's binaries). */
  command: 'lint' | 'image';
  paths: string[];
  /** `image --dockerfile FILE`: the Dockerfile the image was built from, for finding lines. */
  dockerfile: string | null;
  /** `image --max-image-bytes N`: bound on the uncompressed layer data read. */
  maxImageBytes: number | null;
  /** Settings that override configuration files and the environment. */
  layer: ConfigLayer;
  /** `--config FILE`: use this file instead of searching. */
  configFile: string | null;
  fix: boolean;
  fixDryRun: boolean;
  unsafeFixes: boolean;
  stdinFilename: string;
  /** `--stdin-filename` was given: with no path, standard input is read (if it is not a terminal). */
  stdinNamed: boolean;
  printStages: boolean;
  /** `--jobs N`: threads that check files (1: this one only); null: as many as pay. */
  jobs: number | null;
  color: boolean | null;
  help: boolean;
  version: boolean;
}

/** A usage error: bad flag or value. */
export class UsageError extends Error {}

/** Every option the command line accepts, as util.parseArgs reads them. */
export const CLI_OPTIONS = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  ignore: { type: 'string', multiple: true },
  'failure-threshold': { type: 'string', short: 't' },
  'no-fail': { type: 'boolean' },
  'disable-ignore-pragma': { type: 'boolean' },
  'report-unused-pragmas': { type: 'boolean' },
  'resolve-images': { type: 'boolean' },
  offline: { type: 'boolean' },
  platform: { type: 'string' },
  context: { type: 'string' },
  fix: { type: 'boolean' },
  'fix-dry-run': { type: 'boolean' },
  'unsafe-fixes': { type: 'boolean' },
  'build-arg': { type: 'string', multiple: true },
  'stdin-filename': { type: 'string' },
  'print-stages': { type: 'boolean' },
  jobs: { type: 'string', short: 'j' },
  dockerfile: { type: 'string' },
  'max-image-bytes': { type: 'string' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

/**
 * The flags that start the language server instead (server/bin/muslcheck.js looks for
 * them before anything is parsed; vscode-languageserver reads their values).
 */
export const LANGUAGE_SERVER_FLAGS = ['--stdio', '--node-ipc', '--socket', '--clientProcessId'] as const;

/** Parses argv (without node and script). Throws UsageError on bad input. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  // Only a first argument of exactly `image` is the subcommand: `./image` is a path to lint.
  const command = argv[0] === 'image' ? 'image' : 'lint';
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: command === 'image' ? argv.slice(1) : [...argv],
      allowPositionals: true,
      strict: true,
      options: CLI_OPTIONS,
    }));
  } catch (error) {
    throw usageErrorOf(error as Error & { code?: string });
  }
  const layer: ConfigLayer = {};
  if (values.format !== undefined) {
    if (!formatterNamed(values.format)) {
      throw new UsageError(`--format: unknown format '${values.format}', choose one of ${FORMATTERS.map((f) => f.name).join(', ')}`);
    }
    layer.format = values.format;
  }
  if (values.ignore) {
    const codes = values.ignore.flatMap(splitList);
    const known = new Set(knownCodes());
    const unknown = codes.filter((c) => !known.has(c));
    if (unknown.length) throw new UsageError(`--ignore: unknown rule code ${unknown.join(', ')}`);
    layer.ignored = codes;
  }
  const threshold = values['failure-threshold'];
  if (threshold !== undefined) {
    if (!FAILURE_THRESHOLDS.includes(threshold as FailureThreshold)) {
      throw new UsageError(`--failure-threshold expects one of ${FAILURE_THRESHOLDS.join(', ')}, got '${threshold}'`);
    }
    layer['failure-threshold'] = threshold as FailureThreshold;
  }
  if (values['no-fail']) layer['no-fail'] = true;
  if (values['disable-ignore-pragma']) layer['disable-ignore-pragma'] = true;
  if (values['report-unused-pragmas']) layer['report-unused-pragmas'] = true;
  if (values['resolve-images']) layer['resolve-images'] = true;
  if (values.offline) layer.offline = true;
  if (values.platform !== undefined) {
    if (!/^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/.test(values.platform)) {
      throw new UsageError(`--platform expects os/arch[/variant] such as linux/amd64, got '${values.platform}'`);
    }
    layer.platform = values.platform;
  }
  if (values.context !== undefined) {
    if (!values.context) throw new UsageError('--context expects a folder');
    // Relative to where the command runs, as for docker build.
    layer.context = resolve(values.context);
  }
  if (values['build-arg']) {
    const buildArgs: Record<string, string> = {};
    for (const pair of values['build-arg']) {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new UsageError(`--build-arg expects KEY=VALUE, got '${pair}'`);
      buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
    }
    layer['build-args'] = buildArgs;
  }
  const fix = values.fix ?? false;
  const fixDryRun = values['fix-dry-run'] ?? false;
  if (fix && fixDryRun) throw new UsageError('--fix and --fix-dry-run exclude each other');
  if (fix && positionals.includes('-')) throw new UsageError("--fix cannot write to standard input: use --fix-dry-run with '-'");
  if (values['unsafe-fixes'] && !fix && !fixDryRun) throw new UsageError('--unsafe-fixes needs --fix or --fix-dry-run');
  let jobs: number | null = null;
  if (values.jobs !== undefined) {
    if (!/^[1-9][0-9]{0,2}$/.test(values.jobs))
      throw new UsageError(`--jobs expects a number of threads from 1 to 999, got '${values.jobs}'`);
    jobs = Number(values.jobs);
  }
  let maxImageBytes: number | null = null;
  if (values['max-image-bytes'] !== undefined) {
    maxImageBytes = Number(values['max-image-bytes']);
    if (!/^\d+$/.test(values['max-image-bytes']) || !Number.isSafeInteger(maxImageBytes) || maxImageBytes <= 0) {
      throw new UsageError(`--max-image-bytes expects a positive number of bytes, got '${values['max-image-bytes']}'`);
    }
  }
  if (command === 'image') {
    // `muslcheck image --help` asks for help, not for an image.
    if (positionals.length !== 1 && !values.help && !values.version)
      throw new UsageError("'muslcheck image' takes one image: a docker save archive, an OCI layout or a reference");
    const lintOnly = (['fix', 'fix-dry-run', 'print-stages', 'stdin-filename', 'build-arg'] as const).find(
      (name) => values[name] !== undefined,
    );
    if (lintOnly) throw new UsageError(`--${lintOnly} is for Dockerfiles, not for 'muslcheck image'`);
  } else {
    const imageOnly = values.dockerfile !== undefined ? 'dockerfile' : values['max-image-bytes'] !== undefined ? 'max-image-bytes' : null;
    if (imageOnly) throw new UsageError(`--${imageOnly} belongs to 'muslcheck image TARGET'`);
    // Standard input is read only when '-' says so, or when nothing else is named and input is
    // piped in (main.ts decides that): a named file among the paths leaves the name unused.
    if (values['stdin-filename'] !== undefined && positionals.length && !positionals.includes('-')) {
      throw new UsageError(
        "--stdin-filename names standard input: add '-' to the paths, or drop the other paths and pipe the Dockerfile in",
      );
    }
  }
  return {
    command,
    paths: positionals,
    dockerfile: values.dockerfile ?? null,
    maxImageBytes,
    layer,
    configFile: values.config ?? null,
    fix,
    fixDryRun,
    unsafeFixes: values['unsafe-fixes'] ?? false,
    stdinFilename: values['stdin-filename'] ?? '<stdin>',
    stdinNamed: values['stdin-filename'] !== undefined,
    printStages: values['print-stages'] ?? false,
    jobs,
    color: values['no-color'] ? false : (values.color ?? null),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/**
 * util.parseArgs' errors, reworded to one line that names the option: its own messages
 * run to three lines and suggest '--' for what is most often a typo.
 */
function usageErrorOf(error: Error & { code?: string }): UsageError {
  const quoted = /'(-[^' ,]+)(?:, (--[^' ]+))?/.exec(error.message);
  const option = quoted ? (quoted[2] ?? quoted[1]) : '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new UsageError(`unknown option '${option}'`);
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return new UsageError(/does not take an argument/.test(error.message) ? `${option} takes no value` : `${option} needs a value`);
  }
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument: ${error.message.split('\n')[0]}`);
  return new UsageError(error.message.split('\n')[0]);
}

/** The --help text. */
export function helpText(): string {
  return `Usage: muslcheck [options] [paths...]
       muslcheck image [options] TARGET
       muslcheck explain [ERROR TEXT...]   what a run-time error means (see explain --help)

Finds glibc bolted onto musl-based Alpine images in Dockerfiles.

Paths may be files, directories or '-' for standard input. Directories are searched for
Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile, Containerfile.* and *.containerfile,
in any case (so *.dockerfile too); node_modules and .git are skipped. With no path, the
current directory is searched, or, with --stdin-filename, standard input is read when it
is not a terminal.

Options:
  -f, --format <name>       output format: ${FORMATTERS.map((f) => f.name).join(', ')} (default: text)
  -c, --config <file>       use this configuration file instead of searching for .muslcheck.yaml
      --ignore <CODE>       never report this rule (repeatable, or comma-separated)
  -t, --failure-threshold <level>
                            exit 1 only for findings at or above: error, warning, info, style
                            (default), or none
      --no-fail             exit 0 even when there are findings
      --disable-ignore-pragma
                            ignore '# muslcheck ignore=' comments
      --report-unused-pragmas
                            report pragma codes that suppress nothing (MC0002)
      --fix                 apply the safe automatic fixes in place, then report what is left
      --fix-dry-run         print the fixes as a unified diff instead of writing them
      --unsafe-fixes        with --fix or --fix-dry-run, also apply unsafe fixes
      --build-arg KEY=VALUE a build argument, as given to docker build (repeatable)
      --context <dir>       the build context COPY/ADD read from, as given to docker build
                            (default: each Dockerfile's folder); its ELF files are checked
      --stdin-filename <n>  the file name to show for standard input (also where configuration
                            is searched from); reads standard input when no path is given
      --print-stages        print every stage's resolved image and C library as JSON instead
                            of findings (exit 0 when printed)
  -j, --jobs <n>            check files on n threads (default: the cores, for runs of
                            at least 200 files and 1 MiB per thread; 1: one thread)
      --resolve-images      look unknown base images up in their registry and lint their
                            history (uses the network; off by default)
      --offline             with --resolve-images: use only the lookup cache
      --platform <os/arch>  with --resolve-images: platform of multi-platform images
                            (default: linux/amd64)
      --color, --no-color   force colours on or off (default: on for a terminal, off with NO_COLOR)
  -h, --help                show this help
  -v, --version             show the version

Language server (instead of checking files; see docs/editors.md):
      --stdio               over standard input and output
      --node-ipc            over Node's IPC channel, for a client that forks it
      --socket=<port>       connecting to a client that listens on this port
      --clientProcessId=<pid>
                            with one of the above: exit when that process ends

muslcheck image TARGET reads a built image and judges every ELF program in its final
filesystem against the image's C library (rule MC2005). TARGET is a docker save archive
(.tar or .tar.gz, or '-' for standard input), an OCI image layout (folder or tar), or
else a registry reference (uses the network, like --resolve-images). Findings name the
file, its layer and the history step that made it.
      --dockerfile <file>   the Dockerfile the image was built from: findings go on its lines
      --max-image-bytes <n> stop after this many uncompressed layer bytes (default 64 GiB)
      --platform <os/arch>  the image of a multi-platform index (default: linux/amd64)
  Also: --format, --config, --ignore, --failure-threshold, --no-fail, --color.

Settings come from, lowest first: .muslcheck.yaml (nearest folder up to the repository
root, else $XDG_CONFIG_HOME/muslcheck/config.yaml), MUSLCHECK_* environment variables,
then these flags. See docs/configuration.md.

Exit status: 0 no findings at or above the failure threshold, 1 findings, 2 usage,
configuration or I/O error.

Examples:
  muslcheck Dockerfile
  muslcheck .                                  # every Dockerfile below the current folder
  muslcheck --format sarif . > muslcheck.sarif
  muslcheck --fix-dry-run Dockerfile           # show what --fix would change
  muslcheck --failure-threshold error --ignore MC1006 services/
  cat Dockerfile | muslcheck --stdin-filename Dockerfile -
  docker save app:latest -o app.tar && muslcheck image --dockerfile Dockerfile app.tar
  muslcheck explain 'Error relocating /app: __fcntl64: symbol not found'
`;
}
