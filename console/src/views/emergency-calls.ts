import { api, ApiProblem, path } from "../api.js";
import { announce, h, replace } from "../dom.js";
import { formatDateTime, t } from "../i18n.js";
import type { EmergencyCall, EmergencyCallFeed, EmergencyCallList } from "../types.js";
import { deviceHref } from "./links.js";

/** How often the live feed and the alert banner ask for news (Kari's Law: alerts are acted on at once). */
export const FEED_POLL_MS = 700;

export function emergencyCallHref(call: Pick<EmergencyCall, "accountId" | "id">): string {
  return `#/emergency-calls/${encodeURIComponent(call.accountId ?? "~")}/${encodeURIComponent(call.id)}`;
}

function callPath(accountId: string, id: string): string {
  return accountId === "~"
    ? path`/v1/emergency-calls/unresolved/${id}`
    : path`/v1/accounts/${accountId}/emergency-calls/${id}`;
}

function locationText(call: EmergencyCall): string {
  return call.location ? call.location.displayLine : t("emergencyCalls.noLocation");
}

function deviceText(call: EmergencyCall): string {
  return call.deviceLabel ?? call.deviceId ?? call.identity ?? t("emergencyCalls.unknownDevice");
}

function statusText(call: EmergencyCall): string {
  return t(`emergencyCalls.status.${call.status}`);
}

/**
 * Polls while `el` is on the page: a plain timer and fetch to `/v1` (the console's CSP allows
 * `connect-src 'self'`, nothing more is needed), stopped as soon as the view is replaced.
 */
function pollWhileShown(el: HTMLElement, tick: () => Promise<void>): void {
  const loop = async (): Promise<void> => {
    if (!el.isConnected && el.dataset.started) return;
    el.dataset.started = "1";
    await tick().catch(() => undefined);
    setTimeout(() => void loop(), FEED_POLL_MS);
  };
  void loop();
}

async function acknowledge(call: EmergencyCall, by: string): Promise<EmergencyCall> {
  return (await api<EmergencyCall>("POST", `${callPath(call.accountId ?? "~", call.id)}/acknowledge`, { body: { by } }))
    .body;
}

/** The acknowledge control: who saw it, and the button. */
function acknowledgeForm(call: EmergencyCall, onDone: (call: EmergencyCall) => void): HTMLElement {
  const id = `ack-by-${call.id}`;
  const input = h("input", { id, name: "by", required: true, autocomplete: "name", maxlength: 200 });
  const error = h("p", { className: "error", role: "alert" });
  return h(
    "form",
    {
      className: "ack-form",
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (!input.value.trim()) {
          error.textContent = t("emergencyCalls.byRequired");
          input.focus();
          return;
        }
        acknowledge(call, input.value.trim()).then(
          (done) => {
            announce(t("emergencyCalls.acknowledged"));
            onDone(done);
          },
          (failure: unknown) => {
            error.textContent = failure instanceof ApiProblem ? failure.detail : t("errors.network");
          },
        );
      },
    },
    h("label", { for: id }, t("emergencyCalls.acknowledgedBy")),
    input,
    h("button", { type: "submit", className: "danger" }, t("emergencyCalls.acknowledge")),
    error,
  );
}

/** Staff: the live feed of unacknowledged emergency calls, newest first. */
export function emergencyFeedView(): HTMLElement {
  const heading = h("h1", { tabindex: "-1" }, t("emergencyCalls.title"));
  const list = h("div", { className: "card", "aria-live": "polite" }, h("p", {}, t("common.loading")));
  const root = h(
    "section",
    { className: "view emergency-view" },
    heading,
    h("p", { className: "hint" }, t("emergencyCalls.hint")),
    list,
  );
  let shown: string | null = null;
  pollWhileShown(root, async () => {
    const feed = (await api<EmergencyCallFeed>("GET", "/v1/emergency-calls?status=open&limit=50")).body;
    const signature = feed.items.map((c) => `${c.id}:${c.status}`).join(",");
    if (signature === shown) return;
    // Do not rebuild under the user's hands while they type who acknowledges.
    if (list.contains(document.activeElement) && document.activeElement instanceof HTMLInputElement) return;
    shown = signature;
    replace(
      list,
      feed.items.length === 0
        ? h("p", { className: "all-clear" }, t("emergencyCalls.none"))
        : h(
            "ul",
            { className: "emergency-list", "aria-label": t("emergencyCalls.openList") },
            feed.items.map((call) =>
              h(
                "li",
                { className: call.test ? "emergency-item test" : "emergency-item", "data-call-id": call.id },
                h(
                  "p",
                  { className: "emergency-title" },
                  h("strong", {}, call.test ? t("emergencyCalls.testCall") : t("emergencyCalls.emergencyCall")),
                  ` ${call.dialed} · `,
                  h("a", { href: emergencyCallHref(call) }, deviceText(call)),
                  ` · ${formatDateTime(call.startedAt)} · ${statusText(call)}`,
                ),
                h(
                  "p",
                  {},
                  `${t("emergencyCalls.callbackNumber")}: ${call.callbackNumber ?? "—"} · ${t("emergencyCalls.location")}: ${locationText(call)}`,
                ),
                h("p", { className: "muted" }, call.accountId ?? t("emergencyCalls.unresolved")),
                acknowledgeForm(call, () => {
                  // Rebuilt on the next poll, whatever it brings.
                  shown = null;
                  list.querySelector(`[data-call-id="${call.id}"]`)?.remove();
                }),
              ),
            ),
          ),
    );
  });
  return root;
}

/** One call: the evidence, the timeline and the acknowledge control. */
export function emergencyCallView(accountId: string, id: string): HTMLElement {
  const heading = h("h1", { tabindex: "-1" }, t("emergencyCalls.callTitle"));
  const body = h("div", { className: "card" }, h("p", {}, t("common.loading")));
  const root = h(
    "section",
    { className: "view emergency-call-view" },
    h("p", { className: "breadcrumb" }, h("a", { href: "#/emergency-calls" }, t("emergencyCalls.back"))),
    heading,
    body,
  );
  const show = (call: EmergencyCall): void => {
    const fact = (label: string, value: Node | string) => [h("dt", {}, label), h("dd", {}, value)];
    replace(
      body,
      h(
        "dl",
        { className: "facts" },
        fact(t("emergencyCalls.kind"), call.test ? t("emergencyCalls.testCall") : t("emergencyCalls.emergencyCall")),
        fact(t("emergencyCalls.dialed"), `${call.dialed}${call.number ? ` (${call.number})` : ""}`),
        fact(
          t("emergencyCalls.device"),
          call.accountId && call.deviceId && call.resolved
            ? h("a", { href: deviceHref(call.accountId, call.deviceId) }, deviceText(call))
            : deviceText(call),
        ),
        fact(t("emergencyCalls.callbackNumber"), call.callbackNumber ?? "—"),
        fact(
          t("emergencyCalls.location"),
          call.location
            ? `${locationText(call)} (${t("emergencyCalls.locationVersion", { version: call.location.version })})`
            : locationText(call),
        ),
        fact(t("emergencyCalls.startedAt"), formatDateTime(call.startedAt)),
        fact(t("emergencyCalls.statusLabel"), statusText(call)),
        call.acknowledgedBy
          ? fact(t("emergencyCalls.acknowledgedBy"), `${call.acknowledgedBy}, ${formatDateTime(call.acknowledgedAt)}`)
          : null,
      ),
      call.status === "acknowledged" ? null : acknowledgeForm(call, show),
      h("h2", {}, t("emergencyCalls.timeline")),
      h(
        "ol",
        { className: "timeline" },
        (call.timeline ?? []).map((event) =>
          h(
            "li",
            {},
            h("time", { datetime: event.at }, formatDateTime(event.at)),
            ` ${t(`emergencyCalls.events.${event.type}`)}`,
            event.channel ? ` (${event.channel})` : "",
            event.by ? `: ${event.by}` : "",
          ),
        ),
      ),
    );
  };
  api<EmergencyCall>("GET", callPath(accountId, id)).then(
    (reply) => show(reply.body),
    (error: unknown) =>
      replace(
        body,
        h(
          "p",
          { className: "error", role: "alert" },
          error instanceof ApiProblem && error.status === 404 ? t("emergencyCalls.notFound") : t("errors.network"),
        ),
      ),
  );
  return root;
}

/** A device's emergency calls and its last test call (the evidence that its location was checked). */
export function deviceEmergencyCalls(accountId: string, deviceId: string): HTMLElement {
  const el = h("section", { className: "card", "aria-labelledby": "device-calls-heading" });
  const title = h("h2", { id: "device-calls-heading" }, t("emergencyCalls.deviceHistory"));
  replace(el, title, h("p", {}, t("common.loading")));
  const base = path`/v1/accounts/${accountId}/emergency-calls`;
  Promise.all([
    api<EmergencyCallList>("GET", `${base}?deviceId=${encodeURIComponent(deviceId)}&limit=20`),
    api<EmergencyCallList>("GET", `${base}?deviceId=${encodeURIComponent(deviceId)}&test=true&limit=1`),
  ]).then(
    ([all, tests]) => {
      const lastTest = tests.body.items[0];
      replace(
        el,
        title,
        h(
          "p",
          { className: "last-test" },
          lastTest
            ? t("emergencyCalls.lastTest", { at: formatDateTime(lastTest.startedAt), location: locationText(lastTest) })
            : t("emergencyCalls.noTest"),
        ),
        all.body.items.length === 0
          ? h("p", {}, t("emergencyCalls.noCalls"))
          : h(
              "ul",
              {},
              all.body.items.map((call) =>
                h(
                  "li",
                  {},
                  h(
                    "a",
                    { href: emergencyCallHref(call) },
                    `${formatDateTime(call.startedAt)} · ${call.dialed}${call.test ? ` (${t("emergencyCalls.testCall")})` : ""}`,
                  ),
                  ` · ${statusText(call)}`,
                ),
              ),
            ),
      );
    },
    () => replace(el, title, h("p", { className: "error" }, t("errors.network"))),
  );
  return el;
}

/**
 * The banner every staff page shows while emergency calls wait for acknowledgement: red, at the
 * top, with the count in the tab's title too, so it is seen on a busy screen.
 */
export function startEmergencyBanner(isStaff: () => boolean): void {
  const banner = h("div", { id: "emergency-banner", className: "emergency-banner", hidden: true, role: "alert" });
  document.body.prepend(banner);
  // The page's own title in the language chosen now (the language can change after start).
  const baseTitle = (): string => t("shell.title");
  let lastCount = -1;
  const tick = async (): Promise<void> => {
    if (!isStaff()) {
      banner.hidden = true;
      document.title = baseTitle();
      lastCount = -1;
      return;
    }
    const feed = (await api<EmergencyCallFeed>("GET", "/v1/emergency-calls?status=open&limit=1")).body;
    if (feed.open === lastCount) return;
    lastCount = feed.open;
    banner.hidden = feed.open === 0;
    document.title = feed.open > 0 ? `(${feed.open}) ${t("emergencyCalls.bannerTitle")} · ${baseTitle()}` : baseTitle();
    replace(banner, h("a", { href: "#/emergency-calls" }, t("emergencyCalls.banner", { count: feed.open })));
  };
  const loop = async (): Promise<void> => {
    await tick().catch(() => undefined);
    setTimeout(() => void loop(), FEED_POLL_MS);
  };
  void loop();
}
