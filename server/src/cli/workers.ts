// Checks the files of a run on several threads: the main thread and worker threads take the
// next file from one queue, so a slow file never holds the others up. Outcomes are kept in
// input order, so the output, the problems and the exit status are those of a sequential run.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ResolvedConfig } from '../config/types';
import { ParseCache } from '../parse/parse-cache';
import { checkInput, type CheckOptions, type FileOutcome, type Input } from './check';
import { describeError } from './files';

/** One file with its resolved configuration. */
export interface Job {
  input: Input;
  config: ResolvedConfig;
}

/** A job as a worker receives it, and what it sends back. */
export interface WorkerJob extends Job {
  index: number;
  options: CheckOptions;
}
export interface WorkerReply {
  index: number;
  outcome: FileOutcome;
}

/**
 * Below these a thread costs more than it saves. Starting a worker (the bundle and the shell
 * grammar) costs ~60 ms of CPU, and every result is copied back to this thread; files of one
 * repository also stop sharing one parse cache.
 */
const MIN_FILES_PER_THREAD = 200;
const MIN_BYTES_PER_THREAD = 1024 * 1024;
/** More threads than this only add start-up cost on the machines CI runs on. */
const MAX_THREADS = 8;

/** The entry point a worker runs (the bundle, with its code cache: bin/load-bundle.js). */
const WORKER_SCRIPT = join(__dirname, '..', '..', 'bin', 'cli-worker.js');

/** How many threads check `jobs`: `requested` (--jobs) when given, else what pays. */
export function threadsFor(jobs: readonly Job[], requested: number | null): number {
  if (requested !== null) return Math.max(1, Math.min(requested, jobs.length));
  const bytes = jobs.reduce((sum, job) => sum + job.input.text.length, 0);
  const worth = Math.min(Math.floor(jobs.length / MIN_FILES_PER_THREAD), Math.floor(bytes / MIN_BYTES_PER_THREAD));
  return Math.max(1, Math.min(availableParallelism(), MAX_THREADS, worth));
}

/** One file's outcome; an unexpected error is that file's problem, never the run's end. */
export async function checkSafely(job: Job, options: CheckOptions, cache: ParseCache): Promise<FileOutcome> {
  try {
    return await checkInput(job.input, job.config, options, cache);
  } catch (error) {
    const message = `internal error, please report it: ${describeError(error)}`;
    return { result: null, problems: [{ path: job.input.file, message }], failing: false, diff: '', notices: [] };
  }
}

/**
 * Checks every job and returns outcomes in job order: on this thread alone, or with
 * `threads` (at least 2) worker threads while this one only hands out files, so a reply never
 * waits behind an analysis here.
 */
export async function checkAll(jobs: readonly Job[], options: CheckOptions, threads: number): Promise<CheckedRun> {
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const queue = jobs.map((_, index) => index);
  if (threads > 1) await Promise.all(Array.from({ length: threads }, () => runWorker(jobs, options, queue, outcomes)));
  const byWorkers = outcomes.filter(Boolean).length;
  // Every file when alone, else those of workers that could not start or died.
  const cache = new ParseCache();
  for (let index = 0; index < jobs.length; index++) {
    outcomes[index] ??= await checkSafely(jobs[index], options, cache);
  }
  return { outcomes, byWorkers };
}

/** The outcomes of a run's files, in order, and how many of them worker threads checked. */
export interface CheckedRun {
  outcomes: FileOutcome[];
  byWorkers: number;
}

/** Files a worker holds at once: it starts the next while its last reply is on the way. */
const IN_FLIGHT = 2;

/** One worker: takes files from the queue until it is empty; resolves when the worker is gone. */
function runWorker(jobs: readonly Job[], options: CheckOptions, queue: number[], outcomes: FileOutcome[]): Promise<void> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_SCRIPT);
    const held = new Set<number>();
    const send = (): void => {
      while (held.size < IN_FLIGHT && queue.length) {
        const index = queue.shift()!;
        held.add(index);
        worker.postMessage({ ...jobs[index], index, options } satisfies WorkerJob);
      }
      if (!held.size) void worker.terminate();
    };
    worker.on('message', (reply: WorkerReply) => {
      outcomes[reply.index] = reply.outcome;
      held.delete(reply.index);
      send();
    });
    // A worker that cannot start or dies leaves its files to the main thread.
    worker.on('error', () => undefined);
    worker.on('exit', () => resolve());
    send();
  });
}
