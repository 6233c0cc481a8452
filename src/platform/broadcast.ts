import type { Logger } from "pino";
import { loggableError } from "./logger.js";
import { waitForReady, type RedisClient } from "./redis.js";

type Listener = (message: string) => void;

const RECONNECT_PING_RETRY_MS = 100;

/**
 * Announcements to every process of the deployment over Redis pub/sub (one subscriber connection
 * per process): an API key revoked, a cached location invalidated. Delivery is best effort, so a
 * listener also gets `onReconnect` — whatever was cached before a reconnect may have missed an
 * announcement and must be forgotten.
 */
export class Broadcast {
  private readonly listeners = new Map<string, Listener[]>();
  private readonly reconnectListeners: (() => void)[] = [];

  constructor(
    private readonly publisher: RedisClient,
    private readonly subscriber: RedisClient,
    private readonly logger: Logger,
  ) {
    subscriber.on("message", (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message);
    });
    subscriber.on("ready", () => {
      // The first connection: nothing was missed yet that the store cannot tell; forget at once,
      // before this process serves anything.
      if (!this.connectedOnce) {
        this.connectedOnce = true;
        for (const listener of this.reconnectListeners) listener();
      } else this.afterReconnect();
    });
  }

  private pendingReconnect = false;
  private connectedOnce = false;
  private readonly caughtUpWaiters: (() => void)[] = [];

  /**
   * Calls the reconnect listeners once the command connection answers again, not at once. During a
   * failover the subscriber often reaches the new primary before the command connection does; what
   * the listeners forget is exactly what emergency answers fall back on while the store cannot be
   * read (ADR 0009), so forgetting it before the store answers again would leave those answers with
   * nothing. Once the store answers, answers come from the store and nothing stale is served.
   */
  private afterReconnect(): void {
    if (this.pendingReconnect) return;
    this.pendingReconnect = true;
    const attempt = (): void => {
      this.publisher.ping().then(
        () => {
          this.pendingReconnect = false;
          for (const listener of this.reconnectListeners) listener();
          for (const resolve of this.caughtUpWaiters.splice(0)) resolve();
        },
        () => {
          setTimeout(attempt, RECONNECT_PING_RETRY_MS).unref();
        },
      );
    };
    attempt();
  }

  /**
   * Resolves once the subscriber has connected for the first time. A process serves nothing
   * before: the first connection makes the listeners forget what they cached, so a key verified
   * before it would be forgotten again — and with it what an emergency answer falls back on.
   */
  connected(timeoutMs?: number): Promise<void> {
    return waitForReady(this.subscriber, timeoutMs);
  }

  /**
   * Resolves once the subscriber is connected and the listeners have been told of its latest
   * reconnect, so nothing cached from now on is forgotten for a reconnect that already happened.
   * A test that restarts Redis waits for this before it relies on what the process caches: the
   * subscriber may reconnect later than the command connection.
   */
  async caughtUp(timeoutMs?: number): Promise<void> {
    await waitForReady(this.subscriber, timeoutMs);
    // The constructor's "ready" handler runs before waitForReady's, so a reconnect that has just
    // happened is already pending here.
    if (!this.pendingReconnect) return;
    await new Promise<void>((resolve) => this.caughtUpWaiters.push(resolve));
  }

  /** Calls `listener` with every message on `channel`, and `onReconnect` after every reconnect. */
  subscribe(channel: string, listener: Listener, onReconnect?: () => void): void {
    const existing = this.listeners.get(channel);
    if (existing) existing.push(listener);
    else {
      this.listeners.set(channel, [listener]);
      this.subscriber.subscribe(channel).catch((error: unknown) => {
        this.logger.warn({ error: loggableError(error), channel }, "broadcast channel unavailable");
      });
    }
    if (onReconnect) this.reconnectListeners.push(onReconnect);
  }

  /** Announces `message` on `channel` to every subscribed process (this one included). */
  async publish(channel: string, message: string): Promise<void> {
    await this.publisher.publish(channel, message);
  }
}
