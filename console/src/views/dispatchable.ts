import { h, replace } from "../dom.js";
import { formatDateTime, t, tOr } from "../i18n.js";
import type { Device } from "../types.js";

/**
 * What an emergency call from the device carries now (the Location Information Server's answer):
 * its mobility, the dispatchable location with its source (network map or registered), how it
 * was found (PIDF-LO method) and whether it needs a person (suspected move, unconfirmed).
 */
export function renderDispatchable(el: HTMLElement, device: Device): void {
  const d = device.dispatchableLocation;
  const rows: HTMLElement[] = [
    h("dt", {}, t("lis.mobility")),
    h("dd", {}, tOr(`lis.mobilities.${device.mobility}`, device.mobility)),
  ];
  if (d) {
    rows.push(
      h("dt", {}, t("lis.source")),
      h("dd", {}, tOr(`lis.sources.${d.source}`, d.source), d.emergencyLocationId ? ` (${d.emergencyLocationId})` : ""),
      h("dt", {}, t("lis.method")),
      h("dd", { className: "mono" }, d.method),
      h("dt", {}, t("lis.locationStatus")),
      h(
        "dd",
        {},
        h(
          "span",
          { className: `badge lis-${d.status ?? "none"}`, id: "dispatchable-status" },
          d.status ? tOr(`lis.statuses.${d.status}`, d.status) : t("lis.statuses.none"),
        ),
        d.confirmed ? "" : ` · ${t("lis.unconfirmed")}`,
      ),
      h("dt", {}, t("lis.observedAt")),
      h("dd", {}, d.observedAt ? formatDateTime(d.observedAt) : "—"),
    );
  }
  replace(
    el,
    h("h2", { id: "dispatchable-heading" }, t("lis.dispatchable")),
    d
      ? h(
          "div",
          { className: "display-line", id: "dispatchable-line" },
          h("span", { className: "mono", "data-verbatim": "display-line" }, d.location.displayLine),
        )
      : h("p", {}, t("lis.noDispatchable")),
    h("dl", { className: "facts compact" }, rows),
  );
}
