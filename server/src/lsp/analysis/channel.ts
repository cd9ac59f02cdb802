// How the server reaches its analysis service: a worker thread, so no analysis ever runs on
// the thread that answers the editor, restarted when it dies (a document that exhausts its
// memory ends the worker, not the server). Where no worker script was built (the sources run
// directly), and after a worker that keeps dying, the service runs on the server's thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { STOP, type ServiceEvent, type ServiceRequest } from './protocol';
import { AnalysisService } from './service';

/** The worker's script: built next to this module, and next to each bundle. */
export const WORKER_SCRIPT = join(__dirname, 'analysis-worker.js');

/** How long a worker asked to stop may take before it is terminated. */
const STOP_TIMEOUT_MS = 2000;

/** Young generation of the analysis worker's heap, in MiB. */
const YOUNG_GENERATION_MB = 8;

/** Heap limit of the analysis worker, in MiB (MUSLCHECK_ANALYSIS_HEAP_MB overrides it). */
export const DEFAULT_WORKER_HEAP_MB = 2048;

/** What a channel reports to the server. */
export interface ChannelHost {
  receive(event: ServiceEvent): void;
  /** The service died and was started again, empty: send it the documents again. */
  restarted(error: Error): void;
}

/** A connection to an analysis service. */
export interface ServiceChannel {
  post(request: ServiceRequest): void;
  /** Stops the service. */
  dispose(): Promise<void>;
}

/** The service in a worker thread when its script exists, else on this thread. */
export function openChannel(host: ChannelHost): ServiceChannel {
  return existsSync(WORKER_SCRIPT) ? new WorkerChannel(host, WORKER_SCRIPT) : new LocalChannel(host);
}

/** The service on this thread: the same jobs and messages, without the thread. */
export class LocalChannel implements ServiceChannel {
  private readonly service: AnalysisService;

  constructor(host: ChannelHost) {
    this.service = new AnalysisService((event) => host.receive(event));
  }

  post(request: ServiceRequest): void {
    this.service.receive(request);
  }

  async dispose(): Promise<void> {}
}

/** The service in a worker thread, started again whenever it dies. */
export class WorkerChannel implements ServiceChannel {
  private worker: Worker;
  private disposed = false;

  constructor(
    private readonly host: ChannelHost,
    private readonly script: string,
  ) {
    this.worker = this.start();
  }

  post(request: ServiceRequest): void {
    this.worker.postMessage(request);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const worker = this.worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage(STOP);
    const timer = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const heapMb = Number(process.env.MUSLCHECK_ANALYSIS_HEAP_MB) || DEFAULT_WORKER_HEAP_MB;
    // Standard output may be the LSP stream: whatever the worker prints goes to standard error.
    // A small young generation: an analysis's garbage dies young, and V8's default (up to
    // 48 MiB on a large machine) would keep that much more memory resident for a second heap.
    const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
    const worker = new Worker(this.script, { resourceLimits, stdout: true });
    worker.stdout.pipe(process.stderr, { end: false });
    // The server's own streams decide when the process ends, never the worker.
    worker.unref();
    let failure: Error | null = null;
    worker.on('message', (event: ServiceEvent) => this.host.receive(event));
    worker.on('error', (error) => (failure = error));
    worker.on('exit', (code) => {
      if (this.disposed) return;
      this.worker = this.start();
      this.host.restarted(failure ?? new Error(`the analysis worker exited with code ${code}`));
    });
    return worker;
  }
}
