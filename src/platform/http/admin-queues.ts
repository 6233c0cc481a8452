import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Router } from "express";
import type { Context } from "../context.js";

/** bull-board's dashboard of every queue, for admin keys (mounted behind the key and role checks). */
export function adminQueuesRouter(ctx: Context, basePath: string): Router {
  const adapter = new ExpressAdapter();
  adapter.setBasePath(basePath);
  createBullBoard({
    queues: ctx.queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: false })),
    serverAdapter: adapter,
  });
  return adapter.getRouter() as Router;
}
