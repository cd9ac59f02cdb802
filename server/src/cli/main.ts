// The muslcheck command: reads Dockerfiles and their configuration, analyzes them, applies
// fixes on request, prints findings, sets the exit status. All process and file I/O of the
// command line lives here.
import { dirname, join, resolve } from 'node:path';
import { environmentLayer, resolveConfig } from '../config/merge';
import type { ConfigError, ConfigLayer, ResolvedConfig } from '../config/types';
import { withNetworkConsent, requestNotice } from '../config/consent';
import {
  loadConfigFile,
  loadConfigFor,
  loadUserConfig,
  rememberFolderListing,
  userConfigFolder,
  userConfigPath,
  type ConfigLoadError,
  type LoadedConfig,
} from '../node/config-files';
import { initAnalyzerForNode } from '../node/init';
import { FORMATTERS, formatterNamed } from '../outputs/index';
import type { FileResult } from '../outputs/types';
import { VERSION } from '../version';
import type { Input } from './check';
import { runExplain } from './explain';
import { collectFiles, decodeText, readStreamBounded, readTextFile, tooLarge, type PathProblem } from './files';
import { helpText, parseCliOptions, UsageError, type CliOptions } from './options';
import { stagesView } from './stages';
import { checkAll, threadsFor, type Job } from './workers';

export { serveCliWorker } from './worker';

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Streams the command writes to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Runs the command and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  // A subcommand only as the very first word: `./explain` and `-- explain` stay paths.
  if (argv[0] === 'explain') return runExplain(argv.slice(1), io);
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`muslcheck: ${error.message} (see 'muslcheck --help')\n`);
      return EXIT_ERROR;
    }
    throw error;
  }
  if (options.help) {
    io.stdout.write(helpText());
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT_OK;
  }

  const formats = FORMATTERS.map((f) => f.name);
  const env = environmentLayer(io.env, formats);
  if ('errors' in env) return reportConfigErrors(io, env.errors);
  const explicit = options.configFile ?? (io.env.MUSLCHECK_CONFIG || null);
  const configs = new ConfigSource(explicit, io.env, [env.layer, options.layer]);

  // The output format is one per run: it comes from the configuration of the current folder.
  const runConfig = await configs.resolvedFor(resolve('.muslcheck'));
  if ('errors' in runConfig) return reportConfigErrors(io, runConfig.errors);

  // `--stdin-filename NAME` alone reads piped input, as ESLint users expect; from a terminal
  // it would wait for typing (or lint the folder, which the name says it should not).
  const readStdin = options.paths.includes('-') || (options.stdinNamed && options.paths.length === 0);
  if (readStdin && !options.paths.includes('-') && io.stdin.isTTY) {
    io.stderr.write(
      `muslcheck: --stdin-filename: standard input is a terminal; pipe a Dockerfile in, or pass '-' (see 'muslcheck --help')\n`,
    );
    return EXIT_ERROR;
  }

  await initAnalyzerForNode();
  if (options.command === 'image') {
    // Loaded on use, as node/registry/http.ts loads node:http: the image scanner brings
    // node:zlib and its readers, which a lint run never needs. require, not import(): see there.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runImage } = require('./image') as typeof import('./image');
    return runImage(options, runConfig, io);
  }
  const problems: PathProblem[] = [];
  const inputs = await readInputs(options, readStdin, io, problems);
  const configErrors: ConfigError[] = [];
  // Configuration files whose request for registry lookups was refused, each told once.
  const requests = new Set<string>();
  const jobs: Job[] = [];
  for (const input of inputs) {
    const config = await configs.resolvedFor(input.configAnchor);
    if ('errors' in config) {
      configErrors.push(...config.errors);
      continue;
    }
    if (config.request && !requests.has(config.request)) {
      requests.add(config.request);
      io.stderr.write(`muslcheck: ${config.request}: ${requestNotice(userConfigPath(io.env) ?? userConfigSuggestion(io.env))}\n`);
    }
    jobs.push({ input, config });
  }
  if (configErrors.length) return reportConfigErrors(io, configErrors);
  const { outcomes } = await checkAll(jobs, options, threadsFor(jobs, options.jobs));
  const results: FileResult[] = [];
  let failing = false;
  let diff = '';
  for (const outcome of outcomes) {
    problems.push(...outcome.problems);
    for (const notice of outcome.notices) io.stderr.write(`muslcheck: ${notice.path}: ${notice.message}\n`);
    failing ||= outcome.failing;
    diff += outcome.diff;
    if (outcome.result) results.push(outcome.result);
  }
  for (const problem of problems) io.stderr.write(`muslcheck: ${problem.path}: ${problem.message}\n`);

  if (options.printStages) {
    io.stdout.write(`${JSON.stringify(stagesView(results), null, 2)}\n`);
    // Printing the stages is a report, not a lint run: findings do not fail it.
    return problems.length ? EXIT_ERROR : EXIT_OK;
  } else if (options.fixDryRun) {
    io.stdout.write(diff);
  } else {
    const color = options.color ?? (Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
    const notifications = problems.map((p) => ({ file: p.path, message: p.message }));
    io.stdout.write(formatterNamed(runConfig.format)!.format(results, { color, version: VERSION, notifications }));
  }
  if (problems.length) return EXIT_ERROR;
  return failing ? EXIT_FINDINGS : EXIT_OK;
}

/**
 * Configuration per checked file: the explicit file, or the one found for the file's folder,
 * under the environment and command-line layers. Resolved once per configuration file. A
 * repository's file cannot turn registry lookups on (see config/consent.ts); `request` names
 * such a file when the user did not answer its request.
 */
class ConfigSource {
  private explicitLoad: Promise<LoadedConfig | ConfigLoadError> | null = null;
  private readonly resolved = new WeakMap<LoadedConfig, ResolvedConfig & { request: string | null }>();

  constructor(
    private readonly explicit: string | null,
    private readonly env: NodeJS.ProcessEnv,
    private readonly higher: readonly ConfigLayer[],
  ) {}

  async resolvedFor(anchor: string): Promise<(ResolvedConfig & { request: string | null }) | { errors: ConfigError[] }> {
    let loaded: LoadedConfig | ConfigLoadError;
    if (this.explicit) {
      this.explicitLoad ??= loadConfigFile(this.explicit);
      loaded = await this.explicitLoad;
    } else loaded = await loadConfigFor(anchor, { env: this.env });
    if ('errors' in loaded) return { errors: loaded.errors };
    let config = this.resolved.get(loaded);
    if (!config) {
      // The file named with --config and the user-level file are the user's own.
      const fromRepository = !this.explicit && loaded.source !== null && loaded.source !== userConfigPath(this.env);
      const user = fromRepository ? await loadUserConfig(this.env) : loaded;
      const consented = withNetworkConsent(fromRepository ? loaded.layer : null, user?.layer ?? null, this.higher);
      config = { ...resolveConfig(consented.layers), request: consented.unansweredRequest ? loaded.source : null };
      this.resolved.set(loaded, config);
    }
    return config;
  }
}

/** Where a user-level configuration file would go, for a message. */
function userConfigSuggestion(env: NodeJS.ProcessEnv): string | null {
  const folder = userConfigFolder(env);
  return folder ? join(folder, 'config.yaml') : null;
}

function reportConfigErrors(io: CliIO, errors: readonly ConfigError[]): number {
  const printed = new Set<string>();
  for (const e of errors) {
    const where = e.line > 0 ? `${e.file}:${e.line}:${e.column}` : e.file;
    const line = `muslcheck: ${where}: ${e.message}\n`;
    if (printed.has(line)) continue;
    printed.add(line);
    io.stderr.write(line);
  }
  return EXIT_ERROR;
}

async function readInputs(options: CliOptions, readStdin: boolean, io: CliIO, problems: PathProblem[]): Promise<Input[]> {
  const paths = options.paths.length || readStdin ? options.paths : ['.'];
  const inputs: Input[] = [];
  const skipped: PathProblem[] = [];
  const files = await collectFiles(
    paths.filter((p) => p !== '-'),
    problems,
    options.configFile ? undefined : rememberFolderListing,
    skipped,
  );
  // What a folder search left out is said, but fails nothing: the user did not name it.
  for (const note of skipped) io.stderr.write(`muslcheck: ${note.path}: ${note.message}\n`);
  if (readStdin) {
    const bytes = await readStreamBounded(io.stdin);
    const decoded = bytes ? decodeText(bytes) : { error: tooLarge() };
    if ('error' in decoded) problems.push({ path: options.stdinFilename, message: decoded.error });
    else inputs.push({ file: options.stdinFilename, text: decoded.text, configAnchor: resolve(stdinAnchor(options.stdinFilename)) });
  }
  for (const file of files) {
    const read = await readTextFile(file);
    if ('error' in read) problems.push({ path: file, message: read.error });
    else inputs.push({ file, text: read.text, configAnchor: resolve(file) });
  }
  return inputs;
}

/** Standard input is configured as if it were the --stdin-filename (or a file in the current folder). */
function stdinAnchor(name: string): string {
  return name === '<stdin>' ? 'Dockerfile' : resolve(dirname(name), 'Dockerfile');
}
