export function deviceHref(accountId: string, deviceId: string): string {
  return `#/devices/${encodeURIComponent(accountId)}/${encodeURIComponent(deviceId)}`;
}
