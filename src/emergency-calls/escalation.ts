import { getAccount } from "../accounts/service.js";
import type { Context } from "../platform/context.js";
import type { EmergencyEscalationJob } from "../platform/queues.js";
import { VersionConflictError } from "../platform/versioned-store.js";
import { callLink } from "./alert-text.js";
import { dispatchAlerts, planAlerts } from "./alerts.js";
import { readCall, timelineEntry, writeCallState } from "./store.js";

export type EscalationOutcome = "escalated" | "acknowledged" | "already-escalated" | "missing" | { notBefore: number };

/**
 * Fired by the call's delayed job when `escalation.afterSeconds` have passed: if nobody has
 * acknowledged the call, its escalation contacts are e-mailed, in the same write that appends
 * "escalated" to its timeline. The store decides, not the job: an acknowledged or already
 * escalated call is left alone, so a repeated or late job does nothing.
 */
export async function escalateEmergencyCall(ctx: Context, job: EmergencyEscalationJob): Promise<EscalationOutcome> {
  const { owner, emergencyCallId: id } = job;
  for (;;) {
    const found = await readCall(ctx, owner, id);
    if (!found?.record.escalation) return "missing";
    if (found.state.acknowledgedAt) return "acknowledged";
    if (found.state.escalatedAt) return "already-escalated";
    const due = Date.parse(found.record.escalation.dueAt);
    if (ctx.now().getTime() < due) return { notBefore: due };
    const { record: account } = await getAccount(ctx, owner);
    const escalation = found.record.escalation;
    const waitedSeconds = escalation.afterSeconds;
    const unit = waitedSeconds < 120 ? "second" : "minute";
    const waited = new Intl.NumberFormat(account.locale, { style: "unit", unit, unitDisplay: "long" }).format(
      unit === "second" ? waitedSeconds : Math.round(waitedSeconds / 60),
    );
    const link = callLink(ctx.config.PUBLIC_URL ?? `http://localhost:${ctx.config.PORT}`, found.record);
    const planned = planAlerts(
      ctx,
      account,
      found.record,
      "emergency.call_escalated",
      { emails: escalation.emails, webhookUrl: null },
      link,
      { waited },
    );
    const at = ctx.now().toISOString();
    try {
      await writeCallState(ctx, owner, id, found.stateVersion, { ...found.state, escalatedAt: at }, [
        timelineEntry(ctx, owner, id, { at, type: "escalated", detail: `${escalation.emails.length} contact(s)` }),
        ...planned.effects,
      ]);
    } catch (error) {
      if (error instanceof VersionConflictError) continue;
      throw error;
    }
    await dispatchAlerts(ctx, planned.records);
    return "escalated";
  }
}
