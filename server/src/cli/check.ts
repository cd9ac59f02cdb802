// One Dockerfile of a command-line run: analysed (with the registry and the build context
// when configured), fixed on request, turned into its result and problems. Runs on the main
// thread or in a worker (cli/workers.ts); everything it takes and returns can be cloned.
import { promises as fs } from 'node:fs';
import { analyze, analyzeAndFix, type AnalysisResult, type AnalyzeOptions } from '../analyze';
import { failsAt, toAnalyzeOptions } from '../config/merge';
import type { ResolvedConfig } from '../config/types';
import { contextFactsFor, contextFolder } from '../node/context-analysis';
import { writeFileAtomic } from '../node/atomic-write';
import { analyzeWithRegistry } from '../node/image-resolution';
import type { FileResult } from '../outputs/types';
import type { ParseCache } from '../parse/parse-cache';
import { unifiedDiff } from './diff';
import { describeError, type PathProblem } from './files';

/** A file to check, with where its configuration was searched from. */
export interface Input {
  file: string;
  text: string;
  /** Where configuration is searched from. */
  configAnchor: string;
}

/** The options of the run that change how one file is checked. */
export interface CheckOptions {
  fix: boolean;
  fixDryRun: boolean;
  unsafeFixes: boolean;
}

/** What checking one file gave. */
export interface FileOutcome {
  /** Null when the file could not be checked (its problems say why). */
  result: FileResult | null;
  problems: PathProblem[];
  /** A finding at or above the failure threshold, and failing is not turned off. */
  failing: boolean;
  /** The --fix-dry-run diff of this file. */
  diff: string;
  /** What the user should know that is no problem (a hard link the fix did not follow). */
  notices: PathProblem[];
}

export async function checkInput(input: Input, config: ResolvedConfig, options: CheckOptions, cache: ParseCache): Promise<FileOutcome> {
  const problems: PathProblem[] = [];
  const notices: PathProblem[] = [];
  let analyzeOptions: AnalyzeOptions = { ...toAnalyzeOptions(config), cache };
  let analysis: AnalysisResult | undefined;
  if (config.resolveImages) {
    const lookup = { platform: config.platform, offline: config.offline };
    ({ result: analysis, options: analyzeOptions } = await analyzeWithRegistry(input.text, analyzeOptions, lookup));
  }
  const folder = contextFolder(input.configAnchor, config.context);
  if (config.context !== null && !(await isFolder(folder))) {
    problems.push({ path: input.file, message: `the build context ${folder} is not a folder (--context or 'context')` });
    return { result: null, problems, failing: false, diff: '', notices };
  }
  const contextFacts = await contextFactsFor(input.text, analyzeOptions, input.configAnchor, folder);
  if (contextFacts) {
    // The registry's analysis ran without the files: analyse again with them.
    analyzeOptions = { ...analyzeOptions, contextFacts };
    analysis = undefined;
  }
  let text = input.text;
  let diff = '';
  if (options.fix || options.fixDryRun) {
    const outcome = analyzeAndFix(input.text, analyzeOptions, { unsafe: options.unsafeFixes, analysis });
    analysis = outcome.analysis;
    text = outcome.text;
    if (options.fixDryRun) diff = unifiedDiff(input.file.replace(/\\/g, '/'), input.text, text);
    else if (text !== input.text) {
      try {
        const written = writeFileAtomic(input.file, text);
        if (written.note) notices.push({ path: input.file, message: written.note });
      } catch (error) {
        problems.push({ path: input.file, message: `cannot write fixes: ${describeError(error)}` });
      }
    }
  } else {
    analysis ??= analyze(text, analyzeOptions);
  }
  // A document past a size limit was not analyzed, and a rule that crashed reported nothing:
  // both make the run incomplete, which is an error, not a clean result.
  if (analysis.limit) problems.push({ path: input.file, message: `not analyzed: ${analysis.limit}` });
  for (const error of analysis.internalErrors) {
    problems.push({ path: input.file, message: `internal error in ${error.code}, please report it: ${error.message}` });
  }
  const failing = analysis.findings.some((f) => failsAt(f.severity, config.failureThreshold)) && !config.noFail;
  const result: FileResult = {
    file: input.file,
    text,
    findings: analysis.findings,
    stages: analysis.model.stages,
    instructions: analysis.model.parsed.instructions,
    context: analysis.model.context,
  };
  return { result, problems, failing, diff, notices };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}
