import type { Logger } from "pino";
import type { Config } from "./config.js";
import { onDeviceWritten, provideAcknowledgementStates } from "./devices/write-listeners.js";
import { acknowledgementStates } from "./disclosures/service.js";
import { createContext, type OwnedContext } from "./platform/context.js";
import { indexDevice } from "./search/index-store.js";
import { indexDeviceIdentities } from "./lis/identity.js";

/**
 * The composition root of one process: the platform's context plus the callbacks that connect
 * components without making them depend on each other (device writes → the search index; the acknowledgement state behind device warnings). Every
 * process — API, workers, tests, benchmarks — builds its context here.
 */
export function createServiceContext(config: Config, logger: Logger): OwnedContext {
  const ctx = createContext(config, logger);
  onDeviceWritten(ctx, indexDevice);
  onDeviceWritten(ctx, indexDeviceIdentities);
  provideAcknowledgementStates(ctx, acknowledgementStates);
  return ctx;
}
