import { Queue } from "bullmq";
import type { Context } from "../platform/context.js";
import type { RunMode } from "./store.js";

/** The queue of location-import runs (dry runs and real ones); `workers/import.ts` processes it. */
export const LOCATION_IMPORT_QUEUE = "location-imports";

/** Job data: ids only, as for every queue (the file stays in its own key). */
export interface LocationImportJob {
  importId: string;
  mode: RunMode;
}

/** One run per import and mode, so a retried request cannot start it twice. */
export function importJobId(job: LocationImportJob): string {
  return `import-${job.importId}-${job.mode}`;
}

const queues = new WeakMap<Context, Queue<LocationImportJob>>();

/** The producer for this process's context, made on first use on the context's own connection. */
export function locationImportQueue(ctx: Context): Queue<LocationImportJob> {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new Queue<LocationImportJob>(LOCATION_IMPORT_QUEUE, {
      connection: ctx.redis,
      prefix: ctx.keys.queuePrefix(),
      defaultJobOptions: {
        attempts: 3,
        backoff: { type: "exponential", delay: 2_000 },
        removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    queue.on("error", (error) => ctx.logger.debug({ err: { message: error.message } }, "import queue error"));
    queues.set(ctx, queue);
  }
  return queue;
}
