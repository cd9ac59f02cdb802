// Entry point of the analysis worker thread (see channel.ts): the analysis service on the
// worker's message port.
import { parentPort } from 'node:worker_threads';
import type { ServiceRequest } from './protocol';
import { AnalysisService } from './service';

const port = parentPort;
if (!port) throw new Error('muslcheck: the analysis worker must run in a worker thread');
const service = new AnalysisService((event) => port.postMessage(event));
port.on('message', (request: ServiceRequest) => service.receive(request));
