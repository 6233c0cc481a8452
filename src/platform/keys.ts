/**
 * The Redis key layout, in one place.
 *
 * Every key starts with the deployment prefix (`REDIS_PREFIX`). Keys that change together carry
 * the same hash tag, so on a Redis Cluster they live in one slot and one Lua script can change
 * them atomically:
 *
 * - `{a:<accountId>}`: an account, its devices, their location history, acknowledgements,
 *   billing events and idempotency records — everything one state change touches;
 * - `{keys}`: API keys;
 * - `{hooks}`: provisioning-hook replay records;
 * - `{ops}`: worker heartbeats and other operational keys.
 *
 * Account and device ids are restricted to `[A-Za-z0-9._-]`, so they can never contain the
 * braces or colons that would break this layout.
 */
export class KeySpace {
  constructor(readonly prefix: string) {}

  private acct(accountId: string): string {
    return `${this.prefix}:{a:${accountId}}`;
  }

  account(accountId: string): string {
    return `${this.acct(accountId)}:account`;
  }
  accountHistory(accountId: string): string {
    return `${this.acct(accountId)}:account:history`;
  }
  /** Set of all account ids (global index for listings; not part of any atomic write). */
  accountIndex(): string {
    return `${this.prefix}:{idx}:accounts`;
  }
  device(accountId: string, deviceId: string): string {
    return `${this.acct(accountId)}:device:${deviceId}`;
  }
  /** Sorted set (all scores 0) of the account's device ids, paged with ZRANGE BYLEX. */
  deviceIndex(accountId: string): string {
    return `${this.acct(accountId)}:devices`;
  }
  locationHistory(accountId: string, deviceId: string): string {
    return `${this.acct(accountId)}:device:${deviceId}:history`;
  }
  /** Location-database update events of active devices, per account and month (billing). */
  locationUpdates(accountId: string, month: string): string {
    return `${this.acct(accountId)}:location-updates:${month}`;
  }
  acknowledgements(accountId: string): string {
    return `${this.acct(accountId)}:acks`;
  }
  acknowledgementLog(accountId: string): string {
    return `${this.acct(accountId)}:acks:log`;
  }
  /** The record that the account's yearly disclosure reminder was written (one per year: idempotency). */
  disclosureReminder(accountId: string, year: number): string {
    return `${this.acct(accountId)}:disclosure-reminder:${year}`;
  }
  /** A replayable answer to a POST with an Idempotency-Key. */
  idempotency(scope: string, principal: string, key: string): string {
    return `${this.prefix}:{idem:${scope}}:${principal}:${key}`;
  }
  apiKey(hash: string): string {
    return `${this.prefix}:{keys}:hash:${hash}`;
  }
  apiKeyById(id: string): string {
    return `${this.prefix}:{keys}:id:${id}`;
  }
  apiKeyIndex(): string {
    return `${this.prefix}:{keys}:index`;
  }
  /** A browser session for /admin (the queue dashboard), by the hash of its cookie's token. */
  adminSession(tokenHash: string): string {
    return `${this.prefix}:{keys}:admin-session:${tokenHash}`;
  }
  /** Pub/sub channel on which API-key revocations are announced to every API process. */
  apiKeyRevocations(): string {
    return `${this.prefix}:keys:revoked`;
  }
  /** Pub/sub channel on which device writes are announced (`[key, version]`): stale last-known copies are forgotten. */
  deviceChanges(): string {
    return `${this.prefix}:devices:changed`;
  }
  /** Pub/sub channel on which account writes are announced (`[accountId, version]`). */
  accountChanges(): string {
    return `${this.prefix}:accounts:changed`;
  }
  hookDelivery(webhookId: string): string {
    return `${this.prefix}:{hooks}:${webhookId}`;
  }
  /** Devices activated whose e911 is not enabled yet (`accountId/deviceId`), for the metrics gauge. */
  e911Pending(): string {
    return `${this.prefix}:{ops}:e911-pending`;
  }
  /** Prefix of the per-key rate-limit counters. */
  rateLimits(): string {
    return `${this.prefix}:{rl}`;
  }
  workerHeartbeats(): string {
    return `${this.prefix}:{ops}:workers`;
  }
  /** The account's blocked outgoing number ranges (hash id → JSON) and their audit log. */
  blockedRanges(accountId: string): string {
    return `${this.acct(accountId)}:blocked-ranges`;
  }
  blockedRangeLog(accountId: string): string {
    return `${this.acct(accountId)}:blocked-ranges:log`;
  }
  /** A port request (versioned document), the account's index of them, and its timeline. */
  portRequest(accountId: string, portRequestId: string): string {
    return `${this.acct(accountId)}:port:${portRequestId}`;
  }
  portRequestIndex(accountId: string): string {
    return `${this.acct(accountId)}:ports`;
  }
  portTimeline(accountId: string, portRequestId: string): string {
    return `${this.acct(accountId)}:port:${portRequestId}:timeline`;
  }
  /**
   * Which open port request holds each number (hash E.164 → `accountId/portRequestId`). Global by
   * nature, so it has its own slot; claims are taken before and released after the request's own
   * write, and a claim whose request is no longer open is taken over (see `number-claims.ts`).
   */
  /** Failed API-key checks of one source address in the current minute (counter with expiry). */
  authFailures(source: string): string {
    return `${this.prefix}:{keys}:auth-failures:${source}`;
  }
  numberClaims(): string {
    return `${this.prefix}:{numbers}:claims`;
  }
  /**
   * Marks a claim whose port request is being created (`accountId/portRequestId`), with a short
   * expiry; in the claims' slot so that the claim and the marker are written by one script.
   */
  numberClaimPending(holder: string): string {
    return `${this.prefix}:{numbers}:pending:${holder}`;
  }
  /** Open port requests across accounts by deadline (ms; awaiting ones last): the staff board and the overdue sweep. */
  openPortRequests(): string {
    return `${this.prefix}:{ports}:open`;
  }
  /** Completed and cancelled port requests across accounts by closing time (ms), newest kept: the board's filter. */
  closedPortRequests(): string {
    return `${this.prefix}:{ports}:closed`;
  }
  /** One notification (JSON), kept after delivery as the record of what the customer was told. */
  notification(accountId: string, notificationId: string): string {
    return `${this.acct(accountId)}:notification:${notificationId}`;
  }
  /** The account's notification ids, newest first. */
  notifications(accountId: string): string {
    return `${this.acct(accountId)}:notifications`;
  }
  /** Notifications written but not yet delivered (score: creation time), swept after crashes. */
  outbox(accountId: string): string {
    return `${this.acct(accountId)}:outbox`;
  }
  emergencyRegistration(accountId: string, deviceId: string): string {
    return `${this.acct(accountId)}:device:${deviceId}:e911-registration`;
  }
  /**
   * Emergency calls (Kari's Law). `owner` is the account the call was matched to, or null for a
   * call that could not be matched to any account (kept in a slot of its own for staff). The record
   * is written once and never changed; its state (acknowledged, escalated) is a small versioned
   * document beside it and every step is appended to its timeline.
   */
  emergencyCall(owner: string | null, id: string): string {
    return `${this.ecallSlot(owner)}:ecall:${id}`;
  }
  emergencyCallState(owner: string | null, id: string): string {
    return `${this.ecallSlot(owner)}:ecall:${id}:state`;
  }
  emergencyCallTimeline(owner: string | null, id: string): string {
    return `${this.ecallSlot(owner)}:ecall:${id}:timeline`;
  }
  /** The owner's emergency calls by time received (ms), newest last; and those of one device. */
  emergencyCalls(owner: string | null): string {
    return `${this.ecallSlot(owner)}:ecalls`;
  }
  deviceEmergencyCalls(owner: string | null, deviceId: string): string {
    return `${this.ecallSlot(owner)}:ecalls:device:${deviceId}`;
  }
  /** The owner's unacknowledged emergency calls (score: time received, ms). */
  openEmergencyCalls(owner: string | null): string {
    return `${this.ecallSlot(owner)}:ecalls:open`;
  }
  /** On-site alerts written but not yet delivered (score: creation time), swept after crashes. */
  emergencyAlertOutbox(owner: string | null): string {
    return `${this.ecallSlot(owner)}:ecalls:outbox`;
  }
  /**
   * The staff's live feed across accounts: `owner/id` by time received (ms) — every recent call
   * (`all`, the newest kept) and the unacknowledged ones (`open`). Its own slot, written just after
   * the call's record and its acknowledgement (never part of their atomic writes).
   */
  emergencyCallFeed(kind: "all" | "open"): string {
    return `${this.prefix}:{ecalls}:feed:${kind}`;
  }
  private ecallSlot(owner: string | null): string {
    return owner === null ? `${this.prefix}:{ecalls:unresolved}` : this.acct(owner);
  }
  /** The BullMQ prefix: one hash tag so every queue key lands in one slot, as BullMQ requires. */
  queuePrefix(): string {
    return `{${this.prefix}-q}`;
  }
  /**
   * The staff search index: sorted sets of `"<term> <accountId> <deviceId> <country>"` (score 0,
   * read by prefix with ZRANGEBYLEX), one per term kind, across all accounts and — for accounts
   * whose customer keys have searched — per account, plus a hash of what each device has in it.
   * One slot, so a device's entries change in one script; the index only points at devices, which
   * are re-read on every search.
   */
  searchIndex(kind: string, accountId?: string): string {
    return accountId === undefined
      ? `${this.prefix}:{search}:${kind}`
      : `${this.prefix}:{search}:a:${accountId}:${kind}`;
  }
  searchAccounts(): string {
    return `${this.prefix}:{search}:accounts`;
  }
  searchDocuments(): string {
    return `${this.prefix}:{search}:documents`;
  }
  /** Accounts whose own index sets are kept current (`maintained`) and complete (`ready`). */
  searchScopes(state: "maintained" | "ready"): string {
    return `${this.prefix}:{search}:scopes:${state}`;
  }
  /** A bulk location import: its record, its uploaded CSV parts, and each run's row report. */
  locationImport(importId: string): string {
    return `${this.prefix}:{import:${importId}}`;
  }
  locationImportParts(importId: string): string {
    return `${this.prefix}:{import:${importId}}:parts`;
  }
  locationImportReport(importId: string, mode: string): string {
    return `${this.prefix}:{import:${importId}}:report:${mode}`;
  }
}
