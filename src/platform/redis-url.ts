/**
 * A Redis URL fit for a log line or an error message: the password replaced by `***`
 * (`redis://user:secret@host:6379/0` → `redis://user:***@host:6379/0`). A cluster's
 * `host:port,host:port` list carries no secret and is shown as it is.
 */
export function maskedRedisUrl(url: string | undefined): string {
  if (!url) return "(unset)";
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(":");
    // `user:password` keeps the user; a lone `password` (or `:password`) hides everything.
    return colon > 0 ? `${scheme}${userinfo.slice(0, colon)}:***@` : `${scheme}***@`;
  });
}
