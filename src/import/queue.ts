import type { Queue } from "bullmq";
import { z } from "zod";
import type { Context } from "../platform/context.js";
import { QUEUES } from "../platform/queues.js";

/**
 * The two runs an import has: `dry-run` checks every row and writes nothing, `apply` saves the
 * good rows. The one list behind the API's `mode` enums, the stored runs and the job payload.
 */
export const RUN_MODES = ["dry-run", "apply"] as const;
export type RunMode = (typeof RUN_MODES)[number];

/** The queue of location-import runs (dry runs and real ones); `workers/import.ts` processes it. */
export const LOCATION_IMPORT_QUEUE = QUEUES.locationImports;

/**
 * Job data: ids only, as for every queue (the file stays in its own key). The schema lives with
 * the import rather than in src/platform/queues.ts because the platform may not import a
 * component, and the run modes are the import's own; the platform only names the queue.
 */
export const locationImportJob = z.object({ importId: z.string(), mode: z.enum(RUN_MODES) });
export type LocationImportJob = z.infer<typeof locationImportJob>;

/** One run per import and mode, so a retried request cannot start it twice. */
export function importJobId(job: LocationImportJob): string {
  return `import-${job.importId}-${job.mode}`;
}

/** The producer, one of the context's queues (so metrics, the dashboard and shutdown see it). */
export function locationImportQueue(ctx: Context): Queue<LocationImportJob> {
  // The platform builds the queue without knowing its payload; this is where the payload is known.
  return ctx.queues.locationImports as Queue<LocationImportJob>;
}
