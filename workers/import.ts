import type { Job } from "bullmq";
import { locationImportJob } from "../src/import/queue.js";
import { markRunFailed, runLocationImport } from "../src/import/run.js";
import { networkMapImportKind } from "../src/lis/map-import.js";
import type { Context } from "../src/platform/context.js";

/** Import kinds other components define, by the `kind` named at upload. */
const OTHER_KINDS = { "network-map": networkMapImportKind };

/** Runs one location import (dry run or real); progress goes to the job, for the console's bar. */
export function locationImportProcessor(ctx: Context) {
  return async (job: Job): Promise<unknown> => {
    const { importId, mode } = locationImportJob.parse(job.data);
    try {
      const state = await runLocationImport(
        ctx,
        importId,
        mode,
        (progress) => job.updateProgress(progress),
        OTHER_KINDS,
      );
      return { status: state.status, processed: state.processed, ok: state.ok, failed: state.failed };
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
        await markRunFailed(
          ctx,
          importId,
          mode,
          "The import stopped on an internal error; the rows reported so far were processed.",
        ).catch(() => undefined);
      }
      throw error;
    }
  };
}
