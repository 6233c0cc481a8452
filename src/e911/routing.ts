import type { Context } from "../platform/context.js";
import type { LocationRecord } from "../devices/device.js";

export interface RoutingRegistration {
  accountId: string;
  deviceId: string;
  callbackNumber: string;
  location: LocationRecord;
}

/**
 * Where a device's location is registered for emergency routing. The default keeps the
 * registration in our own store (the record is written with the activation step); a
 * provider-specific adapter (an emergency-routing provider's API) implements the same interface
 * and must be idempotent for the same device and location version, because jobs are retried.
 */
export interface EmergencyRoutingAdapter {
  readonly name: string;
  register(registration: RoutingRegistration): Promise<{ reference: string }>;
}

/** The default: no outside party; the reference names the device and location version. */
export const localRoutingRegistry: EmergencyRoutingAdapter = {
  name: "local",
  register({ accountId, deviceId, location }) {
    return Promise.resolve({ reference: `local:${accountId}/${deviceId}/v${location.version}` });
  },
};

const adapters = new WeakMap<Context, EmergencyRoutingAdapter>();

/** Plugs a provider's adapter in for this process (the default is `localRoutingRegistry`). */
export function useRoutingAdapter(ctx: Context, adapter: EmergencyRoutingAdapter): void {
  adapters.set(ctx, adapter);
}

/** Where this process registers activated devices for emergency routing. */
export function routingAdapterOf(ctx: Context): EmergencyRoutingAdapter {
  return adapters.get(ctx) ?? localRoutingRegistry;
}
