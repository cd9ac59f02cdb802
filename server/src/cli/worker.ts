// The worker thread side of cli/workers.ts: checks each file the main thread sends.
import { parentPort } from 'node:worker_threads';
import { initAnalyzerForNode } from '../node/init';
import { ParseCache } from '../parse/parse-cache';
import { checkSafely, type WorkerJob, type WorkerReply } from './workers';

export function serveCliWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('muslcheck: serveCliWorker runs only in a worker thread');
  const ready = initAnalyzerForNode();
  const cache = new ParseCache();
  port.on('message', (job: WorkerJob) => {
    void ready
      .then(() => checkSafely(job, job.options, cache))
      .then((outcome) => port.postMessage({ index: job.index, outcome } satisfies WorkerReply));
  });
}
