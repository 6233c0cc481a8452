import { api, ApiProblem } from "../api.js";
import { h, replace } from "../dom.js";
import { countryName, t, tOr } from "../i18n.js";
import type { SearchHit } from "../types.js";
import { deviceHref } from "./links.js";
import { coveredCountries } from "./address-data.js";

const DEBOUNCE_MS = 250;

/**
 * The search box: account id, device id or callback number as people type them. Searches as
 * you type; Enter searches at once; ↓ moves into the results, ↑/↓ between them, Esc back.
 */
export function searchView(query: URLSearchParams): HTMLElement {
  const initial = query.get("q") ?? "";
  const input = h("input", {
    id: "search",
    name: "q",
    type: "search",
    value: initial,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "search-hint",
    "aria-controls": "search-results",
    "data-autofocus": true,
  });
  const country = h(
    "select",
    { id: "search-country", name: "country" },
    h("option", { value: "" }, t("search.anyCountry")),
  );
  const status = h("p", { id: "search-status", className: "status", role: "status" });
  const results = h("div", { id: "search-results" });
  let timer: number | undefined;
  let sequence = 0;

  void coveredCountries().then(
    (codes) => {
      for (const code of codes)
        country.append(
          h("option", { value: code, selected: query.get("country") === code }, `${countryName(code)} (${code})`),
        );
    },
    () => undefined,
  );

  const run = async (): Promise<void> => {
    window.clearTimeout(timer);
    const q = input.value.trim();
    const mine = ++sequence;
    const params = new URLSearchParams();
    if (q) params.set("q", q);
    if (country.value) params.set("country", country.value);
    // Keep the query in the address bar (Back returns to it) without re-rendering the view.
    history.replaceState(null, "", `#/search${params.size ? `?${params}` : ""}`);
    if (!q) {
      status.textContent = "";
      replace(results);
      return;
    }
    status.textContent = t("search.searching");
    try {
      const reply = await api<{ items: SearchHit[] }>(
        "GET",
        `/v1/search?${new URLSearchParams({ q, ...(country.value ? { country: country.value } : {}) })}`,
      );
      if (mine !== sequence) return;
      const items = reply.body.items;
      status.textContent =
        items.length === 0 ? t("search.none", { query: q }) : t("search.found", { count: items.length });
      replace(results, items.length ? resultTable(items, input) : null);
    } catch (error) {
      if (mine !== sequence) return;
      status.textContent =
        error instanceof ApiProblem
          ? t("errors.withDetail", { detail: error.detail || error.title })
          : t("errors.network");
      replace(results);
    }
  };

  input.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void run(), DEBOUNCE_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      const first = results.querySelector<HTMLElement>("a.device-link");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  country.addEventListener("change", () => void run());

  const form = h(
    "form",
    {
      role: "search",
      className: "search-form",
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        void run();
      },
    },
    h(
      "div",
      { className: "field grow" },
      h("label", { for: "search" }, t("search.label")),
      input,
      h("p", { id: "search-hint", className: "hint" }, t("search.hint")),
    ),
    h("div", { className: "field" }, h("label", { for: "search-country" }, t("search.countryLabel")), country),
    h("div", { className: "field actions-inline" }, h("button", { type: "submit" }, t("search.submit"))),
  );

  if (initial) void run();
  return h("section", { className: "view" }, h("h1", { tabindex: "-1" }, t("search.title")), form, status, results);
}

function resultTable(items: SearchHit[], input: HTMLInputElement): HTMLElement {
  const table = h(
    "table",
    { className: "results" },
    h("caption", { className: "visually-hidden" }, t("search.caption")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["device", "account", "callbackNumber", "status", "e911", "location", "match"].map((c) =>
          h("th", { scope: "col" }, t(`search.columns.${c}`)),
        ),
      ),
    ),
    h(
      "tbody",
      {},
      items.map((item) =>
        h(
          "tr",
          {},
          h(
            "th",
            { scope: "row" },
            h("a", { href: deviceHref(item.accountId, item.deviceId), className: "device-link" }, item.deviceId),
            item.label ? h("span", { className: "sub" }, item.label) : null,
          ),
          h("td", {}, item.accountId),
          h(
            "td",
            {},
            h("span", { className: "mono" }, item.callbackNumber),
            h("span", { className: "sub" }, `${item.callbackNational} · ${item.serviceCountry}`),
          ),
          h(
            "td",
            {},
            h("span", { className: `badge status-${item.status}` }, tOr(`status.${item.status}`, item.status)),
          ),
          h(
            "td",
            {},
            h("span", { className: `badge e911-${item.e911Status}` }, tOr(`e911.${item.e911Status}`, item.e911Status)),
          ),
          // The answering point's line, shown as the service sends it (data, not page text).
          item.displayLine
            ? h("td", { className: "mono small", "data-verbatim": "display-line" }, item.displayLine)
            : h("td", { className: "mono small" }, t("device.noLocation")),
          h("td", { className: "small" }, tOr(`search.match.${item.match}`, item.match)),
        ),
      ),
    ),
  );
  // Arrow keys move between result links; Escape goes back to the search box.
  table.addEventListener("keydown", (event) => {
    const links = [...table.querySelectorAll<HTMLAnchorElement>("a.device-link")];
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at < links.length - 1) links[at + 1]!.focus();
    else if (event.key === "ArrowUp") (at === 0 ? input : links[at - 1]!).focus();
    else if (event.key === "Escape") input.focus();
    else return;
    event.preventDefault();
  });
  return table;
}
