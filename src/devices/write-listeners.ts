import type { Context } from "../platform/context.js";
import type { DeviceRecord } from "./device.js";

/** Told after each device write, with the stored record and its version (e.g. the search index). */
export type DeviceWriteListener = (ctx: Context, device: DeviceRecord, version: number) => Promise<unknown>;

const listeners = new WeakMap<Context, DeviceWriteListener[]>();

/**
 * Subscribes `listener` to this process's device writes. Components that keep something derived
 * from devices (the console's search index) register here, through the composition root
 * (`src/service-context.ts`), so that devices never depends on them.
 */
export function onDeviceWritten(ctx: Context, listener: DeviceWriteListener): void {
  listeners.set(ctx, [...(listeners.get(ctx) ?? []), listener]);
}

/**
 * Runs the listeners of a write that has happened, in turn. Called after the write — also when
 * nothing changed, so a retried request repairs a derived copy a crash left stale.
 */
export async function announceDeviceWritten(ctx: Context, device: DeviceRecord, version: number): Promise<void> {
  for (const listener of listeners.get(ctx) ?? []) await listener(ctx, device, version);
}

/** Whether an account's acknowledgements cover the current text of each country (see disclosures). */
export type AcknowledgementStates = (
  ctx: Context,
  accountId: string,
  countries: readonly string[],
) => Promise<Map<string, "current" | "outdated" | "missing">>;

const acknowledgementSources = new WeakMap<Context, AcknowledgementStates>();

/**
 * Tells devices how to learn the account's acknowledgement state for its warnings, through the
 * composition root: the disclosures component depends (via emergency numbers) on devices, so
 * devices may not import it.
 */
export function provideAcknowledgementStates(ctx: Context, source: AcknowledgementStates): void {
  acknowledgementSources.set(ctx, source);
}

/** The registered source, or none (then devices show no acknowledgement warnings). */
export function acknowledgementStatesOf(ctx: Context): AcknowledgementStates | undefined {
  return acknowledgementSources.get(ctx);
}
