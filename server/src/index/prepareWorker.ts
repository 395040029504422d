// The worker entry point bundled to dist/prepareWorker.js: summarises articles off the main thread,
// and settles them against a view of the collection when the run has one as its context.
import { prepareForWorker, type PrepareInput } from '../core/summary';
import { settleArticle, viewFromData, type SettledParts, type SettleJob, type ViewData } from '../core/resolve/settleArticle';
import { serveWorker } from './workerPool';

let view: { data: ViewData; view: ReturnType<typeof viewFromData> } | undefined;

/** Exported so that the pool can run the same function in-process. */
export function handle(input: PrepareInput | SettleJob, context?: unknown): Uint8Array | SettledParts {
  if (!context) return prepareForWorker(input as PrepareInput);
  const data = context as ViewData;
  if (view?.data !== data) view = { data, view: viewFromData(data) };
  return settleArticle(input as SettleJob, view.view);
}

serveWorker(handle);
