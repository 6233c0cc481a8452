import express from "express";

/**
 * The ceiling: an Express 5 hello-world on the same machine (and, as a reference row, the same
 * Express answering a small JSON POST), run by `bench/run.ts` beside the
 * service so every figure can be read as a fraction of what Express alone does here.
 */
const app = express();
app.disable("x-powered-by");
app.get("/", (_req, res) => {
  res.json({ hello: "world" });
});
// The reference row: plain Express reading a small JSON body and answering JSON, nothing else.
app.post("/post", express.json(), (req, res) => {
  res.json({ received: (req.body as { dialed?: unknown } | undefined)?.dialed ?? null });
});
const server = app.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : ""}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
