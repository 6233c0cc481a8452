import type { Queue } from "bullmq";
import type { Context } from "../platform/context.js";
import { QUEUES, type LocationImportJob } from "../platform/queues.js";

/** The queue of location-import runs (dry runs and real ones); `workers/import.ts` processes it. */
export const LOCATION_IMPORT_QUEUE = QUEUES.locationImports;

/** Job data: ids only, as for every queue (the file stays in its own key). */
export type { LocationImportJob };

/** One run per import and mode, so a retried request cannot start it twice. */
export function importJobId(job: LocationImportJob): string {
  return `import-${job.importId}-${job.mode}`;
}

/** The producer, one of the context's queues (so metrics, the dashboard and shutdown see it). */
export function locationImportQueue(ctx: Context): Queue<LocationImportJob> {
  return ctx.queues.locationImports;
}
