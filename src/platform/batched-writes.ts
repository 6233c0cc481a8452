import type { Redis } from "ioredis";

/**
 * Makes the commands that `client` is given in one turn of the event loop leave in one socket
 * write (ADR 0027): the turn's first command corks the connection's socket, and an immediate
 * uncorks it once the turn's callbacks — every request that arrived in it, every timer that fired —
 * have issued theirs. Commands still go out in the order they were issued, so a `WAIT`/`WAITAOF`
 * covers everything issued before it on its connection (`GroupConfirm`).
 *
 * This replaces ioredis's auto-pipelining on the API's and the durable writes' connections
 * (0021, 0026), which batches the same way but builds a pipeline object per batch (it copies the
 * connection's scripts onto itself) and sends a batch only once the one before has been answered.
 * At a steady 200 emergency calls a second nearly every batch was one command: the intake paid a
 * pipeline per command, a wait behind the previous batch's round trip, and scavenges twice as
 * long, as those pipelines outlived two of them.
 *
 * Single nodes only (one Redis, or Sentinel); a Cluster's node connections are not touched.
 */
export function batchedPerTurn(client: Redis): Redis {
  let corked: Redis["stream"] | null = null;
  const uncork = (): void => {
    const socket = corked;
    corked = null;
    socket?.uncork();
  };
  const sendCommand = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis["sendCommand"]>) => {
    // ioredis writes a command to `client.stream` within this call when the connection is ready;
    // otherwise it fails or queues it, and there is nothing to cork.
    const socket = client.stream;
    if (corked === null && client.status === "ready" && !socket.destroyed) {
      socket.cork();
      corked = socket;
      setImmediate(uncork);
    }
    return sendCommand(...args);
  };
  return client;
}
