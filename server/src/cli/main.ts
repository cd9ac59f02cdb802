// The muslcheck command: reads Dockerfiles, analyzes them, prints findings, sets the exit
// status. All process and file I/O of the command line lives here.
import { analyze } from '../analyze';
import { initAnalyzerForNode } from '../node/init';
import { formatterNamed } from '../outputs/index';
import type { FileResult } from '../outputs/types';
import { VERSION } from '../version';
import { collectFiles, decodeText, readTextFile, type PathProblem } from './files';
import { helpText, parseCliOptions, UsageError, type CliOptions } from './options';
import { stagesView } from './stages';

/** Exit statuses. */
export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** Streams the command writes to; tests pass their own. */
export interface CliIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

/** Runs the command and returns its exit status. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`muslcheck: ${error.message}\nTry 'muslcheck --help'.\n`);
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
  await initAnalyzerForNode();

  const problems: PathProblem[] = [];
  const inputs = await readInputs(options, io, problems);
  const results: FileResult[] = [];
  for (const input of inputs) {
    const analysis = analyze(input.text, { buildArgs: options.buildArgs });
    results.push({ file: input.file, text: input.text, findings: analysis.findings, stages: analysis.model.stages });
  }
  for (const problem of problems) io.stderr.write(`muslcheck: ${problem.path}: ${problem.message}\n`);

  if (options.printStages) {
    io.stdout.write(`${JSON.stringify(stagesView(results), null, 2)}\n`);
  } else {
    const color = options.color ?? (Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
    io.stdout.write(formatterNamed(options.format)!.format(results, { color, version: VERSION }));
  }
  if (problems.length) return EXIT_ERROR;
  return results.some((r) => r.findings.length) ? EXIT_FINDINGS : EXIT_OK;
}

async function readInputs(options: CliOptions, io: CliIO, problems: PathProblem[]): Promise<{ file: string; text: string }[]> {
  const paths = options.paths.length ? options.paths : ['.'];
  const inputs: { file: string; text: string }[] = [];
  const files = await collectFiles(
    paths.filter((p) => p !== '-'),
    problems,
  );
  if (paths.includes('-')) {
    const decoded = decodeText(await readAll(io.stdin));
    if ('error' in decoded) problems.push({ path: options.stdinFilename, message: decoded.error });
    else inputs.push({ file: options.stdinFilename, text: decoded.text });
  }
  for (const file of files) {
    const read = await readTextFile(file);
    if ('error' in read) problems.push({ path: file, message: read.error });
    else inputs.push({ file, text: read.text });
  }
  return inputs;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
