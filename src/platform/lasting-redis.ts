import type { Command, Redis } from "ioredis";

/**
 * Makes an ioredis connection live until it is closed on purpose, and returns it.
 *
 * ioredis ends a connection for good when it is told to reconnect while it is still connecting:
 * the connector's pending `connect()` then rejects with "Connection is closed" and the status
 * becomes the terminal "end". With Sentinel this is what a failover does: the failover detector
 * of the lost connection hears `+switch-master` while the client is still looking for a primary
 * (BullMQ issue 4378). The API's connection then answered 503 for good, and a worker's blocking
 * connection stopped taking jobs, until the process was restarted (ADR 0022).
 *
 * Here a connection that ends without `disconnect()` or `QUIT` is connected again, on `backoff`
 * like ioredis' own reconnects. Its `duplicate()` does the same for the copy, so the connections
 * BullMQ duplicates for its workers last too. (ioredis' generic typings make a subclass that
 * overrides `duplicate` impractical, hence methods replaced on the instance.)
 */
export function lasting(client: Redis, backoff: (attempt: number) => number): Redis {
  let closedOnPurpose = false;
  let attempts = 0;
  client.on("ready", () => {
    attempts = 0;
  });
  client.on("end", () => {
    if (closedOnPurpose) return;
    attempts += 1;
    setTimeout(() => {
      if (!closedOnPurpose && client.status === "end") client.connect().catch(() => undefined);
    }, backoff(attempts)).unref();
  });

  const disconnect = client.disconnect.bind(client);
  client.disconnect = (reconnect = false) => {
    if (!reconnect) closedOnPurpose = true;
    disconnect(reconnect);
  };
  const sendCommand = client.sendCommand.bind(client);
  client.sendCommand = (command: Command, stream?: Parameters<Redis["sendCommand"]>[1]) => {
    if (command.name === "quit") closedOnPurpose = true;
    return sendCommand(command, stream);
  };
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override?: Parameters<Redis["duplicate"]>[0]) => lasting(duplicate(override), backoff);
  return client;
}
