import { api, ApiProblem, path } from "../api.js";
import { announce, h, replace, uid } from "../dom.js";
import { t, tOr } from "../i18n.js";
import type { AttentionItem, EmergencyLocation, LocationImport, MapEntry, RunState } from "../types.js";

const POLL_MS = 300;

function field(label: string, input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): HTMLElement {
  const id = input.id === "" ? uid("f") : input.id;
  input.id = id;
  return h("div", { className: "field" }, h("label", { for: id }, label), input);
}

function problemText(error: unknown): string {
  if (error instanceof ApiProblem)
    return [error.message, ...error.errors.map((e) => `${e.path}: ${e.message}`)].join(" — ");
  return t("errors.network");
}

const matchOf = (e: MapEntry): string =>
  e.kind === "subnet"
    ? (e.subnet ?? "")
    : e.kind === "bssid"
      ? (e.bssid ?? "")
      : e.kind === "port"
        ? `${e.chassisId ?? ""} / ${e.portId ?? ""}`
        : (e.chassisId ?? "");

/**
 * The network map of one account: its emergency locations (named sites, floors, rooms), the map
 * entries that place devices there (switch port, access point, switch, subnet), and a CSV import
 * of the map through the bulk-import job (dry run first).
 */
export function networkMapView(initialAccount: string | null): HTMLElement {
  const account = h("input", { id: "map-account", autocomplete: "off", value: initialAccount ?? "" });
  const body = h("div", {});
  const show = (event: Event) => {
    event.preventDefault();
    const id = account.value.trim();
    if (id) location.hash = `#/network-map/${encodeURIComponent(id)}`;
  };
  const root = h(
    "section",
    { className: "view" },
    h("h1", { tabindex: "-1" }, t("lis.mapTitle")),
    h(
      "form",
      { className: "card inline-form", onsubmit: show },
      field(t("lis.account"), account),
      h("button", { type: "submit" }, t("lis.showMap")),
    ),
    body,
  );
  if (initialAccount) void loadMap(body, initialAccount);
  return root;
}

async function loadMap(body: HTMLElement, accountId: string): Promise<void> {
  replace(body, h("p", {}, t("common.loading")));
  let locations: EmergencyLocation[];
  let entries: MapEntry[];
  try {
    locations = (
      await api<{ items: EmergencyLocation[] }>(
        "GET",
        path`/v1/accounts/${accountId}/emergency-locations` + "?limit=1000",
      )
    ).body.items;
    entries = (await api<{ items: MapEntry[] }>("GET", path`/v1/accounts/${accountId}/network-map` + "?limit=1000"))
      .body.items;
  } catch (error) {
    replace(body, h("p", { className: "error", role: "alert" }, problemText(error)));
    return;
  }
  const reload = () => loadMap(body, accountId);
  const names = new Map(locations.map((l) => [l.locationId, l.name]));
  replace(
    body,
    h(
      "section",
      { className: "card", "aria-labelledby": "locations-heading" },
      h("h2", { id: "locations-heading" }, t("lis.locations")),
      locations.length === 0
        ? h("p", {}, t("lis.noLocations"))
        : h(
            "table",
            { className: "table" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", {}, t("lis.locationId")),
                h("th", {}, t("lis.name")),
                h("th", {}, t("lis.displayLine")),
              ),
            ),
            h(
              "tbody",
              {},
              locations.map((l) =>
                h(
                  "tr",
                  {},
                  h("td", { className: "mono" }, l.locationId),
                  h("td", {}, l.name),
                  h("td", { "data-verbatim": "display-line" }, l.displayLine),
                ),
              ),
            ),
          ),
      locationForm(accountId, reload),
    ),
    h(
      "section",
      { className: "card", "aria-labelledby": "entries-heading" },
      h("h2", { id: "entries-heading" }, t("lis.entries")),
      entries.length === 0
        ? h("p", {}, t("lis.noEntries"))
        : h(
            "table",
            { className: "table", id: "map-entries" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", {}, t("lis.entryId")),
                h("th", {}, t("lis.matchOn")),
                h("th", {}, t("lis.value")),
                h("th", {}, t("lis.location")),
                h("th", {}, ""),
              ),
            ),
            h(
              "tbody",
              {},
              entries.map((e) =>
                h(
                  "tr",
                  {},
                  h("td", { className: "mono" }, e.entryId),
                  h("td", {}, tOr(`lis.kinds.${e.kind}`, e.kind)),
                  h("td", { className: "mono" }, matchOf(e)),
                  h("td", {}, names.get(e.locationId) ?? e.locationId),
                  h(
                    "td",
                    {},
                    h(
                      "button",
                      {
                        type: "button",
                        className: "secondary",
                        "aria-label": t("lis.removeEntry", { entryId: e.entryId }),
                        onclick: () => {
                          void api("DELETE", path`/v1/accounts/${accountId}/network-map/${e.entryId}`).then(
                            async () => {
                              announce(t("lis.removed", { entryId: e.entryId }));
                              await reload();
                            },
                          );
                        },
                      },
                      t("lis.remove"),
                    ),
                  ),
                ),
              ),
            ),
          ),
      entryForm(accountId, locations, reload),
    ),
    importSection(accountId, reload),
  );
}

function locationForm(accountId: string, reload: () => Promise<void>): HTMLElement {
  const inputs = {
    locationId: h("input", { autocomplete: "off" }),
    name: h("input", { autocomplete: "off" }),
    country: h("input", { autocomplete: "off", value: "US" }),
    region: h("input", { autocomplete: "off" }),
    city: h("input", { autocomplete: "off" }),
    street: h("input", { autocomplete: "off" }),
    houseNumber: h("input", { autocomplete: "off" }),
    postalCode: h("input", { autocomplete: "off" }),
    floor: h("input", { autocomplete: "off" }),
    room: h("input", { autocomplete: "off" }),
  };
  const error = h("p", { className: "field-error", role: "alert" });
  const saveAsync = async (event: Event) => {
    event.preventDefault();
    error.textContent = "";
    const address: Record<string, string> = {};
    for (const key of ["country", "region", "city", "street", "houseNumber", "postalCode", "floor", "room"] as const) {
      const value = inputs[key].value.trim();
      if (value) address[key] = value;
    }
    try {
      await api("PUT", path`/v1/accounts/${accountId}/emergency-locations/${inputs.locationId.value.trim()}`, {
        body: { name: inputs.name.value.trim(), address },
      });
      announce(t("lis.saved"));
      await reload();
    } catch (e) {
      error.textContent = problemText(e);
    }
  };
  return h(
    "form",
    {
      className: "grid-form",
      onsubmit: (event: Event) => void saveAsync(event),
      "aria-labelledby": "add-location-heading",
    },
    h("h3", { id: "add-location-heading" }, t("lis.addLocation")),
    field(t("lis.locationId"), inputs.locationId),
    field(t("lis.name"), inputs.name),
    field(t("fields.country"), inputs.country),
    field(t("fields.region"), inputs.region),
    field(t("fields.city"), inputs.city),
    field(t("fields.street"), inputs.street),
    field(t("fields.houseNumber"), inputs.houseNumber),
    field(t("fields.postalCode"), inputs.postalCode),
    field(t("fields.floor"), inputs.floor),
    field(t("fields.room"), inputs.room),
    error,
    h("button", { type: "submit" }, t("lis.saveLocation")),
  );
}

function entryForm(accountId: string, locations: EmergencyLocation[], reload: () => Promise<void>): HTMLElement {
  const entryId = h("input", { autocomplete: "off" });
  const locationSelect = h(
    "select",
    {},
    locations.map((l) => h("option", { value: l.locationId }, l.name)),
  );
  const kind = h(
    "select",
    {},
    (["subnet", "bssid", "chassis"] as const).map((k) => h("option", { value: k }, t(`lis.kinds.${k}`))),
  );
  const value = h("input", { autocomplete: "off" });
  const port = h("input", { autocomplete: "off" });
  const error = h("p", { className: "field-error", role: "alert" });
  const saveAsync = async (event: Event) => {
    event.preventDefault();
    error.textContent = "";
    const body: Record<string, string> = { locationId: locationSelect.value };
    if (kind.value === "subnet") body.subnet = value.value.trim();
    else if (kind.value === "bssid") body.bssid = value.value.trim();
    else {
      body.chassisId = value.value.trim();
      if (port.value.trim()) body.portId = port.value.trim();
    }
    try {
      await api("PUT", path`/v1/accounts/${accountId}/network-map/${entryId.value.trim()}`, { body });
      announce(t("lis.saved"));
      await reload();
    } catch (e) {
      error.textContent = problemText(e);
    }
  };
  return h(
    "form",
    {
      className: "grid-form",
      onsubmit: (event: Event) => void saveAsync(event),
      "aria-labelledby": "add-entry-heading",
    },
    h("h3", { id: "add-entry-heading" }, t("lis.addEntry")),
    field(t("lis.entryId"), entryId),
    field(t("lis.location"), locationSelect),
    field(t("lis.matchOn"), kind),
    field(t("lis.value"), value),
    field(t("lis.portId"), port),
    error,
    h("button", { type: "submit" }, t("lis.saveEntry")),
  );
}

async function runImport(id: string, mode: "dry-run" | "apply"): Promise<RunState> {
  await api("POST", path`/v1/location-imports/${id}/runs`, { body: { mode } });
  for (;;) {
    const run = (await api<LocationImport>("GET", path`/v1/location-imports/${id}`)).body.runs[mode];
    if (run && (run.status === "done" || run.status === "failed")) return run;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

function importSection(accountId: string, reload: () => Promise<void>): HTMLElement {
  const file = h("input", { type: "file", accept: ".csv,text/csv", id: "map-csv" });
  const result = h("p", { id: "map-import-result", role: "status" });
  const applyButton = h("button", { type: "button", hidden: true }, t("lis.importApply"));
  let importId: string | null = null;
  const summary = (run: RunState) =>
    run.status === "failed"
      ? t("lis.importFailed", {
          detail: run.fileErrors.map((e) => `${e.path} ${e.message}`).join("; ") || (run.error ?? ""),
        })
      : t("lis.importSummary", { ok: run.ok, failed: run.failed, unchanged: run.unchanged });
  const checkAsync = async (event: Event) => {
    event.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) return;
    result.textContent = t("common.loading");
    try {
      const created = await api<LocationImport>("POST", "/v1/location-imports", {
        body: { name: chosen.name, csv: await chosen.text(), complete: true, kind: "network-map" },
      });
      importId = created.body.id;
      const run = await runImport(importId, "dry-run");
      result.textContent = `${t("lis.dryRun")}: ${summary(run)}`;
      applyButton.hidden = run.status !== "done" || run.ok === 0;
    } catch (e) {
      result.textContent = problemText(e);
    }
  };
  applyButton.addEventListener("click", () => {
    if (!importId) return;
    const id = importId;
    void runImport(id, "apply").then(async (run) => {
      result.textContent = `${t("lis.imported")}: ${summary(run)}`;
      applyButton.hidden = true;
      await reload();
      announce(result.textContent);
    });
  });
  return h(
    "section",
    { className: "card", "aria-labelledby": "map-import-heading" },
    h("h2", { id: "map-import-heading" }, t("lis.importTitle")),
    h("p", { className: "hint" }, t("lis.importColumns", { accountId })),
    h(
      "form",
      { onsubmit: (event: Event) => void checkAsync(event) },
      field(t("lis.csvFile"), file),
      h("button", { type: "submit" }, t("lis.importCheck")),
    ),
    result,
    applyButton,
  );
}

/** Staff list: devices whose location needs a person (suspected move, unconfirmed). */
export function attentionView(): HTMLElement {
  const body = h("div", { className: "card" }, h("p", {}, t("common.loading")));
  const root = h("section", { className: "view" }, h("h1", { tabindex: "-1" }, t("lis.attentionTitle")), body);
  void api<{ items: AttentionItem[] }>("GET", "/v1/location-attention").then(
    ({ body: { items } }) =>
      replace(
        body,
        items.length === 0
          ? h("p", {}, t("lis.attentionNone"))
          : h(
              "table",
              { className: "table", id: "attention" },
              h(
                "thead",
                {},
                h(
                  "tr",
                  {},
                  h("th", {}, t("lis.device")),
                  h("th", {}, t("lis.reason")),
                  h("th", {}, t("lis.mobility")),
                  h("th", {}, t("lis.displayLine")),
                ),
              ),
              h(
                "tbody",
                {},
                items.map((i) =>
                  h(
                    "tr",
                    {},
                    h(
                      "td",
                      {},
                      h(
                        "a",
                        { href: `#/devices/${encodeURIComponent(i.accountId)}/${encodeURIComponent(i.deviceId)}` },
                        `${i.accountId} / ${i.deviceId}`,
                      ),
                    ),
                    h("td", {}, tOr(`lis.reasons.${i.reason}`, i.reason)),
                    h("td", {}, tOr(`lis.mobilities.${i.mobility}`, i.mobility)),
                    h("td", {}, i.displayLine ?? "—"),
                  ),
                ),
              ),
            ),
      ),
    (error: unknown) => replace(body, h("p", { className: "error", role: "alert" }, problemText(error))),
  );
  return root;
}
