// Command-line options: parsed with Node's own util.parseArgs, validated into one record.
import { parseArgs } from 'node:util';
import { FORMATTERS, formatterNamed } from '../outputs/index';

/** Everything the command line said. */
export interface CliOptions {
  paths: string[];
  format: string;
  buildArgs: Record<string, string>;
  stdinFilename: string;
  printStages: boolean;
  color: boolean | null;
  help: boolean;
  version: boolean;
}

/** A usage error: bad flag or value. */
export class UsageError extends Error {}

/** Parses argv (without node and script). Throws UsageError on bad input. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        'build-arg': { type: 'string', multiple: true },
        'stdin-filename': { type: 'string' },
        'print-stages': { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const format = values.format ?? 'text';
  if (!formatterNamed(format)) {
    throw new UsageError(`unknown format '${format}': choose one of ${FORMATTERS.map((f) => f.name).join(', ')}`);
  }
  const buildArgs: Record<string, string> = {};
  for (const pair of values['build-arg'] ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--build-arg expects KEY=VALUE, got '${pair}'`);
    buildArgs[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    paths: positionals,
    format,
    buildArgs,
    stdinFilename: values['stdin-filename'] ?? '<stdin>',
    printStages: values['print-stages'] ?? false,
    color: values['no-color'] ? false : (values.color ?? null),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

/** The --help text. */
export function helpText(): string {
  return `Usage: muslcheck [options] [paths...]

Finds glibc bolted onto musl-based Alpine images in Dockerfiles.

Paths may be files, directories (searched for Dockerfile, Dockerfile.*, *.Dockerfile,
*.dockerfile, Containerfile, Containerfile.*; node_modules and .git are skipped) or '-'
for standard input. With no path, the current directory is searched.

Options:
  -f, --format <name>       output format: ${FORMATTERS.map((f) => f.name).join(', ')} (default: text)
      --build-arg KEY=VALUE a build argument, as given to docker build (repeatable)
      --stdin-filename <n>  the file name to show for '-' (standard input)
      --print-stages        print every stage's resolved image and C library as JSON
      --color, --no-color   force colours on or off (default: on for a terminal, off with NO_COLOR)
      --stdio               run the language server over standard input/output
  -h, --help                show this help
  -v, --version             show the version

Exit status: 0 no findings, 1 findings, 2 usage or I/O error.

Examples:
  muslcheck Dockerfile
  muslcheck .                                  # every Dockerfile below the current folder
  muslcheck --format json services/ > findings.json
  muslcheck --build-arg BASE=alpine:3.20 Dockerfile
  cat Dockerfile | muslcheck --stdin-filename Dockerfile -
`;
}
