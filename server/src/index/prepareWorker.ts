// The worker entry point bundled to dist/prepareWorker.js: summarises articles off the main thread.
import { prepareForWorker } from '../core/summary';
import { serveWorker } from './workerPool';

/** Exported so that the pool can run the same function in-process. */
export const handle = prepareForWorker;

serveWorker(handle);
