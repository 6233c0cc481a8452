import type { Logger } from "pino";
import type { Config } from "./config.js";
import { onDeviceWritten } from "./devices/write-listeners.js";
import { createContext, type OwnedContext } from "./platform/context.js";
import { indexDevice } from "./search/index-store.js";

/**
 * The composition root of one process: the platform's context plus the callbacks that connect
 * components without making them depend on each other (device writes → the search index). Every
 * process — API, workers, tests, benchmarks — builds its context here.
 */
export function createServiceContext(config: Config, logger: Logger): OwnedContext {
  const ctx = createContext(config, logger);
  onDeviceWritten(ctx, indexDevice);
  return ctx;
}
