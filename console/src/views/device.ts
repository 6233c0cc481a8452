import { api, ApiProblem, path } from "../api.js";
import { announce, download, h, replace } from "../dom.js";
import { countryName, placeTime, t, tOr } from "../i18n.js";
import type { AddressFormat, Device, HistoryEntry, Location } from "../types.js";
import { activationPanel } from "./activation.js";
import { addressFormat, addressLines } from "./address-data.js";
import { deviceEmergencyCalls } from "./emergency-calls.js";
import { locationForm } from "./location-form.js";

/** The 60-character line an answering point shows (CONTRACT.md `displayLine`). */
const DISPLAY_LIMIT = 60;

/**
 * One device: its state, its current location as the answering point sees it, the PIDF-LO
 * document, the edit form and the location history. Views refresh themselves after a save or
 * a conflict, from the API.
 */
export function deviceView(accountId: string, deviceId: string): HTMLElement {
  const heading = h("h1", { tabindex: "-1" }, t("device.title", { deviceId }));
  const facts = h("div", {}, h("p", {}, t("common.loading")));
  const activationSlot = h("div", {});
  const factsCard = h("div", { className: "card" }, facts, activationSlot);
  const current = h("section", { className: "card", "aria-labelledby": "current-heading" });
  const editor = h("section", { className: "card" });
  const history = h("section", { className: "card", "aria-labelledby": "history-heading" });
  const root = h(
    "section",
    { className: "view device-view" },
    h("p", { className: "breadcrumb" }, h("a", { href: "#/search" }, t("device.back"))),
    heading,
    h(
      "div",
      { className: "columns" },
      h("div", { className: "column" }, factsCard, current),
      h("div", { className: "column" }, editor),
    ),
    history,
    deviceEmergencyCalls(accountId, deviceId),
  );

  const load = async (): Promise<void> => {
    let device: Device;
    try {
      device = (await api<Device>("GET", path`/v1/accounts/${accountId}/devices/${deviceId}`)).body;
    } catch (error) {
      replace(
        facts,
        h(
          "p",
          { className: "error", role: "alert" },
          error instanceof ApiProblem && error.status === 404 ? t("device.notFound") : t("errors.network"),
        ),
      );
      return;
    }
    const format = await addressFormat(device.location?.address.country ?? device.serviceCountry).catch(() => null);
    const focusLocationForm = () => editor.querySelector<HTMLElement>("input, select, textarea")?.focus();
    const showDevice = (fresh: Device) => {
      device = { ...device, ...fresh };
      renderFacts(facts, device);
    };
    const activation = () => activationPanel({ device, onDevice: showDevice, focusLocationForm });
    renderFacts(facts, device);
    replace(activationSlot, activation());
    renderCurrent(current, device, format);
    replace(
      editor,
      locationForm({
        device,
        onSaved: async (saved) => {
          device = {
            ...device,
            location: saved,
            status: device.status === "pending_location" ? "ready" : device.status,
          };
          renderFacts(facts, device);
          renderCurrent(current, device, await addressFormat(saved.address.country).catch(() => null));
          await renderHistory(history, device, format);
        },
        onTheirs: async (theirs) => {
          device = theirs;
          renderFacts(facts, theirs);
          renderCurrent(
            current,
            theirs,
            await addressFormat(theirs.location?.address.country ?? theirs.serviceCountry).catch(() => null),
          );
          await renderHistory(history, theirs, format);
        },
      }),
    );
    await renderHistory(history, device, format);
  };
  void load();
  return root;
}

function fact(term: string, ...value: (Node | string)[]): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, ...value)];
}

function renderFacts(el: HTMLElement, device: Device): void {
  replace(
    el,
    h("h2", {}, t("device.facts")),
    h(
      "dl",
      { className: "facts" },
      fact(t("device.account"), device.accountId),
      fact(
        t("device.status"),
        h("span", { className: `badge status-${device.status}` }, tOr(`status.${device.status}`, device.status)),
      ),
      fact(
        t("device.e911"),
        h(
          "span",
          { className: `badge e911-${device.e911.status}` },
          tOr(`e911.${device.e911.status}`, device.e911.status),
        ),
        device.e911.enabledAt ? " · " : "",
        device.e911.enabledAt ? timeElement(device.e911.enabledAt, device.location?.timeZone) : "",
      ),
      fact(t("device.callbackNumber"), h("span", { className: "mono" }, device.callbackNumber)),
      fact(t("device.serviceCountry"), `${countryName(device.serviceCountry)} (${device.serviceCountry})`),
      fact(t("device.type"), tOr(`deviceTypes.${device.type}`, device.type)),
      device.label ? fact(t("device.label"), device.label) : [],
    ),
  );
}

function renderCurrent(el: HTMLElement, device: Device, format: AddressFormat | null): void {
  const location = device.location;
  if (!location) {
    replace(el, h("h2", { id: "current-heading" }, t("device.currentLocation")), h("p", {}, t("device.noLocationYet")));
    return;
  }
  const line = location.displayLine;
  replace(
    el,
    h("h2", { id: "current-heading" }, t("device.currentLocation")),
    h("p", { className: "label-text", id: "display-line-label" }, t("device.displayLine", { limit: DISPLAY_LIMIT })),
    h(
      "div",
      // The answering point's line as the service sends it (data, not page text).
      {
        className: "display-line",
        "aria-describedby": "display-line-label",
        id: "display-line",
        "data-verbatim": "display-line",
      },
      h("span", { className: "mono" }, line),
    ),
    h(
      "p",
      { className: "hint" },
      t("device.displayLineLength", { length: Array.from(line).length, limit: DISPLAY_LIMIT }),
    ),
    h(
      "address",
      { className: "address" },
      addressLines(location.address, format).map((l) => h("span", { className: "address-line" }, l)),
      h("span", { className: "address-line" }, countryName(location.address.country)),
    ),
    h(
      "dl",
      { className: "facts compact" },
      fact(t("device.timeZone"), location.timeZone),
      fact(t("device.locationVersion"), String(location.version)),
      fact(t("device.updated"), ...whenBy(location.updatedAt, location.timeZone, location.updatedBy)),
    ),
    h(
      "div",
      { className: "actions" },
      h(
        "button",
        { type: "button", className: "secondary", onclick: () => void downloadPidf(device, location) },
        t("device.downloadPidf"),
      ),
    ),
  );
}

async function downloadPidf(device: Device, location: Location): Promise<void> {
  try {
    const reply = await api<string>("GET", path`/v1/accounts/${device.accountId}/devices/${device.deviceId}/location`, {
      accept: "application/pidf+xml",
      text: true,
    });
    download(
      `${device.deviceId}-location-v${location.version}.pidf.xml`,
      new Blob([reply.body], { type: "application/pidf+xml" }),
    );
    announce(t("device.pidfDownloaded"));
  } catch {
    announce(t("errors.network"));
  }
}

async function renderHistory(el: HTMLElement, device: Device, format: AddressFormat | null): Promise<void> {
  let items: HistoryEntry[];
  try {
    items = (
      await api<{ items: HistoryEntry[] }>(
        "GET",
        path`/v1/accounts/${device.accountId}/devices/${device.deviceId}/location/history`,
      )
    ).body.items;
  } catch {
    replace(
      el,
      h("h2", { id: "history-heading" }, t("history.title")),
      h("p", { className: "error" }, t("errors.network")),
    );
    return;
  }
  replace(
    el,
    h("h2", { id: "history-heading" }, t("history.title")),
    items.length === 0
      ? h("p", {}, t("history.empty"))
      : h(
          "table",
          { className: "history" },
          h("caption", { className: "visually-hidden" }, t("history.caption")),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["version", "address", "changedAt", "changedBy", "reason"].map((c) =>
                h("th", { scope: "col" }, t(`history.columns.${c}`)),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            items.map((entry) =>
              h(
                "tr",
                { "data-version": entry.version },
                h("th", { scope: "row" }, String(entry.version)),
                h(
                  "td",
                  {},
                  entry.address
                    ? [...addressLines(entry.address, format), entry.address.country].join(", ")
                    : h("em", {}, t("history.noAddress")),
                ),
                h("td", {}, timeElement(entry.changedAt, device.location?.timeZone)),
                h("td", {}, entry.changedBy),
                h("td", {}, entry.reason ?? "—"),
              ),
            ),
          ),
        ),
  );
}

/** A `<time>` in the place's zone, the viewer's own time on hover (see `placeTime`). */
function timeElement(iso: string, placeZone: string | null | undefined): HTMLElement {
  const { text, title } = placeTime(iso, placeZone);
  return h("time", { datetime: iso, title }, text);
}

/** "{{when}} by {{who}}" with the time as a `<time>` element. */
function whenBy(iso: string, placeZone: string, who: string): (Node | string)[] {
  const marker = "\u0000";
  const [before = "", after = ""] = t("device.updatedBy", { when: marker, who }).split(marker);
  return [before, timeElement(iso, placeZone), after];
}
