// Entry point of the analysis worker thread (see channel.ts): the analysis service on the
// worker's message port.
import { parentPort } from 'node:worker_threads';
import { STOP, type ServiceRequest } from './protocol';
import { AnalysisService } from './service';

const port = parentPort;
if (!port) throw new Error('muslcheck: the analysis worker must run in a worker thread');
const service = new AnalysisService((event) => port.postMessage(event));
// `stop` closes the port, so the thread ends once the job in hand is done (and its exit
// handlers run, which a terminated thread skips).
port.on('message', (request: ServiceRequest | typeof STOP) => (request === STOP ? port.close() : service.receive(request)));
