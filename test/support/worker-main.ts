import { loadConfig } from "../../src/config.js";
import { createServiceContext } from "../../src/service-context.js";
import { createLogger } from "../../src/platform/logger.js";
import { waitForReady } from "../../src/platform/redis.js";
import { startWorkers } from "../../workers/index.js";

// A worker process on its own, for tests that SIGKILL it mid-job. Prints "ready" once running.
const config = loadConfig();
const ctx = createServiceContext(config, createLogger(config));
await waitForReady(ctx.redis);
await startWorkers(ctx);
process.stdout.write("ready\n");
