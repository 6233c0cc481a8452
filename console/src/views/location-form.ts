import { api, ApiProblem, path, type FieldError } from "../api.js";
import { h, replace, uid } from "../dom.js";
import { countryName, formatDateTime, t } from "../i18n.js";
import type { AddressFormat, Device, Location } from "../types.js";
import { addressFormat, addressLines, coveredCountries } from "./address-data.js";

/** The fields always shown (the contract's labelled ones); the rest appear on request or when set. */
const PRIMARY = new Set([
  "country",
  "region",
  "city",
  "street",
  "houseNumber",
  "building",
  "floor",
  "unit",
  "room",
  "postalCode",
]);
/** Relative widths in a form line, so a line reads like the address it builds. */
const WIDTH: Record<string, string> = {
  houseNumber: "xs",
  houseNumberSuffix: "xs",
  preDirectional: "xs",
  postDirectional: "xs",
  streetSuffix: "s",
  floor: "xs",
  unit: "s",
  room: "s",
  seat: "xs",
  postalCode: "s",
  region: "m",
  building: "m",
};

export interface LocationFormOptions {
  device: Device;
  onSaved: (location: Location) => Promise<void> | void;
  /** Someone else saved first: here is the device as it is now. */
  onTheirs: (device: Device) => Promise<void> | void;
}

/**
 * The Edit location form, in the address's own country layout (postal code before the city in
 * Germany, after it in the US). Saves with If-Match on the location version it was opened on;
 * the service's field errors are shown beside their fields and nothing is saved; on 412 the
 * form says someone else saved first, shows theirs, and keeps what was typed.
 */
export function locationForm(options: LocationFormOptions): HTMLElement {
  const { device } = options;
  const values = new Map<string, string>(
    Object.entries(device.location?.address ?? {}).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  if (!values.has("country")) values.set("country", device.serviceCountry);
  let baseVersion = device.location?.version ?? 0;
  let format: AddressFormat | null = null;
  let showAll = false;
  let reason = "";

  const formId = uid("location-form");
  const summary = h("div", { className: "error-summary", role: "alert", tabindex: "-1", hidden: true });
  const conflict = h("div", { className: "conflict", role: "alert", tabindex: "-1", hidden: true });
  const notice = h("p", { className: "status", role: "status" });
  const fieldsBox = h("div", { className: "address-fields" });
  const reasonInput = h("textarea", {
    id: `${formId}-reason`,
    name: "reason",
    rows: 2,
    maxlength: 500,
    required: true,
    "aria-required": "true",
    "aria-describedby": `${formId}-reason-hint`,
  });
  const reasonError = h("p", { id: `${formId}-reason-error`, className: "field-error" });
  const saveButton = h("button", { type: "submit" }, t("edit.save"));
  const allToggle = h("input", { type: "checkbox", id: `${formId}-all` });

  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const errorSlots = new Map<string, HTMLElement>();

  const fieldId = (name: string) => `${formId}-${name}`;
  const label = (name: string) => t(`fields.${name}`);

  function collect(): void {
    for (const [name, input] of inputs) values.set(name, input.value);
    reason = reasonInput.value;
  }

  function field(name: string): HTMLElement {
    const id = fieldId(name);
    const required = format?.required.includes(name) ?? (name === "country" || name === "city");
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    let control: HTMLInputElement | HTMLSelectElement;
    if (name === "country") {
      control = h(
        "select",
        { id, name },
        h(
          "option",
          { value: device.serviceCountry },
          `${countryName(device.serviceCountry)} (${device.serviceCountry})`,
        ),
      );
      void coveredCountries().then(
        (codes) => {
          const select = control as HTMLSelectElement;
          const chosen = values.get("country") ?? device.serviceCountry;
          replace(
            select,
            codes.map((code) =>
              h("option", { value: code, selected: code === chosen }, `${countryName(code)} (${code})`),
            ),
          );
        },
        () => undefined,
      );
      control.addEventListener("change", () => {
        collect();
        void changeCountry((control as HTMLSelectElement).value);
      });
    } else if (name === "region" && format && format.regions.length > 0) {
      const current = values.get("region") ?? "";
      const known = format.regions.some((r) => r.code === current);
      control = h(
        "select",
        { id, name },
        h("option", { value: "" }, t("edit.noRegion")),
        !known && current ? h("option", { value: current, selected: true }, current) : null,
        format.regions.map((r) =>
          h("option", { value: r.code, selected: r.code === current }, `${r.name} (${r.code})`),
        ),
      );
    } else {
      control = h("input", { id, name, type: "text", value: values.get(name) ?? "", autocomplete: "off" });
    }
    if (required) control.setAttribute("aria-required", "true");
    const hint =
      name === "postalCode" && format
        ? t("edit.postalCodeHint", { example: format.postalCodeExample })
        : name === "region" && format && format.regions.length > 0
          ? t("edit.regionHint", { total: format.regions.length })
          : null;
    control.setAttribute("aria-describedby", [hint ? hintId : null, errorId].filter(Boolean).join(" "));
    inputs.set(name, control);
    const errorSlot = h("p", { id: errorId, className: "field-error" });
    errorSlots.set(name, errorSlot);
    return h(
      "div",
      { className: `field w-${WIDTH[name] ?? "l"}`, "data-field": name },
      // The asterisk sits beside the label, not in it: the accessible name is the field's name alone.
      h(
        "div",
        { className: "label-row" },
        h("label", { for: id }, label(name)),
        required ? h("span", { className: "required", "aria-hidden": "true" }, "*") : null,
      ),
      control,
      hint ? h("p", { id: hintId, className: "hint" }, hint) : null,
      errorSlot,
    );
  }

  function renderFields(): void {
    inputs.clear();
    errorSlots.clear();
    const layout = format?.layout ?? [
      ["name"],
      ["street", "houseNumber"],
      ["building", "floor", "unit", "room"],
      ["postalCode", "city"],
      ["region"],
      ["country"],
    ];
    // The country picker comes first: it decides the layout of everything below it.
    const lines = [["country"], ...layout.map((line) => line.filter((f) => f !== "country"))].filter(
      (line) => line.length > 0,
    );
    replace(
      fieldsBox,
      lines.map((line) => {
        const shown = line.filter((name) => showAll || PRIMARY.has(name) || Boolean(values.get(name)));
        return shown.length ? h("div", { className: "form-line" }, shown.map(field)) : null;
      }),
    );
  }

  async function changeCountry(country: string): Promise<void> {
    values.set("country", country);
    format = await addressFormat(country).catch(() => null);
    // A region of the old country means nothing in the new one.
    if (format && values.get("region") && !format.regions.some((r) => r.code === values.get("region")))
      values.delete("region");
    renderFields();
    inputs.get("country")?.focus();
  }

  function clearErrors(): void {
    summary.hidden = true;
    replace(summary);
    for (const [name, slot] of errorSlots) {
      slot.textContent = "";
      inputs.get(name)?.removeAttribute("aria-invalid");
    }
    reasonError.textContent = "";
    reasonInput.removeAttribute("aria-invalid");
  }

  /** Puts each error beside its field; errors without a field of their own go to the summary. */
  function showErrors(errors: FieldError[], title: string): void {
    const listed: HTMLElement[] = [];
    let first: HTMLElement | null = null;
    for (const error of errors) {
      const name = error.path.replace(/^address\./, "");
      const slot = name === "reason" ? reasonError : errorSlots.get(name);
      const control = name === "reason" ? reasonInput : inputs.get(name);
      if (!slot || !control) {
        // A field hidden by the short layout: show every field, then try again.
        if (!showAll && format?.layout.flat().includes(name)) {
          showAll = true;
          allToggle.checked = true;
          collect();
          renderFields();
          showErrors(errors, title);
          return;
        }
        listed.push(h("li", {}, error.path ? `${error.path}: ${error.message}` : error.message));
        continue;
      }
      slot.textContent = `${name === "reason" ? t("edit.reason") : label(name)}: ${error.message}`;
      control.setAttribute("aria-invalid", "true");
      first ??= control;
      listed.push(
        h(
          "li",
          {},
          h(
            "a",
            {
              href: `#${control.id}`,
              onclick: (e: Event) => {
                e.preventDefault();
                control.focus();
              },
            },
            slot.textContent,
          ),
        ),
      );
    }
    replace(summary, h("h3", {}, title), h("ul", {}, listed));
    summary.hidden = false;
    (first ?? summary).focus();
  }

  function showConflict(theirs: Device): void {
    const location = theirs.location;
    replace(
      conflict,
      h("h3", {}, t("edit.conflictTitle")),
      h(
        "p",
        {},
        location
          ? t("edit.conflictBody", {
              version: location.version,
              who: location.updatedBy,
              when: formatDateTime(location.updatedAt, location.timeZone),
            })
          : t("edit.conflictGone"),
      ),
      location
        ? h(
            "p",
            { className: "theirs" },
            h("strong", {}, `${t("edit.theirVersion")} `),
            h("span", { className: "mono", "data-verbatim": "display-line" }, location.displayLine),
          )
        : null,
      location
        ? h(
            "p",
            { className: "theirs-address" },
            [...addressLines(location.address, format), location.address.country].join(", "),
          )
        : null,
      h("p", {}, t("edit.conflictKeep")),
    );
    conflict.hidden = false;
    conflict.focus();
  }

  async function save(event: Event): Promise<void> {
    event.preventDefault();
    collect();
    clearErrors();
    notice.textContent = "";
    if (!reason.trim()) {
      showErrors([{ path: "reason", message: t("edit.reasonRequired") }], t("edit.notSaved", { count: 1 }));
      return;
    }
    const address: Record<string, string> = {};
    const allowed = new Set(format?.layout.flat() ?? [...inputs.keys()]);
    for (const [name, value] of values) if (allowed.has(name) && value.trim()) address[name] = value.trim();
    saveButton.disabled = true;
    try {
      const reply = await api<Location>(
        "PUT",
        path`/v1/accounts/${device.accountId}/devices/${device.deviceId}/location`,
        {
          body: { address, reason: reason.trim() },
          headers: { "if-match": `"${baseVersion}"` },
        },
      );
      const saved = reply.body;
      baseVersion = saved.version;
      conflict.hidden = true;
      // Show the address as the service normalised it (postal-code spacing, region code).
      values.clear();
      for (const [k, v] of Object.entries(saved.address)) if (typeof v === "string") values.set(k, v);
      reasonInput.value = "";
      reason = "";
      renderFields();
      notice.textContent = t("edit.saved", { version: saved.version });
      await options.onSaved(saved);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        const theirs = (await api<Device>("GET", path`/v1/accounts/${device.accountId}/devices/${device.deviceId}`))
          .body;
        baseVersion = theirs.location?.version ?? 0;
        showConflict(theirs);
        await options.onTheirs(theirs);
      } else if (error instanceof ApiProblem && error.errors.length > 0) {
        showErrors(error.errors, t("edit.notSaved", { count: error.errors.length }));
      } else if (error instanceof ApiProblem) {
        showErrors([{ path: "", message: error.detail || error.title }], t("edit.notSavedGeneral"));
      } else {
        showErrors([{ path: "", message: t("errors.network") }], t("edit.notSavedGeneral"));
      }
    } finally {
      saveButton.disabled = false;
    }
  }

  allToggle.addEventListener("change", () => {
    collect();
    showAll = allToggle.checked;
    renderFields();
  });

  const form = h(
    "form",
    { id: formId, novalidate: true, onsubmit: (e: Event) => void save(e), "aria-labelledby": "edit-heading" },
    h("h2", { id: "edit-heading" }, t("edit.title")),
    h("p", { className: "hint" }, t("edit.intro")),
    conflict,
    summary,
    fieldsBox,
    h("div", { className: "checkbox" }, allToggle, h("label", { for: `${formId}-all` }, t("edit.showAll"))),
    h(
      "div",
      { className: "field" },
      h(
        "div",
        { className: "label-row" },
        h("label", { for: reasonInput.id }, t("edit.reason")),
        h("span", { className: "required", "aria-hidden": "true" }, "*"),
      ),
      reasonInput,
      h("p", { id: `${formId}-reason-hint`, className: "hint" }, t("edit.reasonHint")),
      reasonError,
    ),
    h("p", { className: "hint" }, t("edit.requiredNote")),
    h("div", { className: "actions" }, saveButton),
    notice,
  );
  reasonInput.setAttribute("aria-describedby", `${formId}-reason-hint ${formId}-reason-error`);

  renderFields();
  void addressFormat(values.get("country") ?? device.serviceCountry).then(
    (found) => {
      format = found;
      collect();
      renderFields();
    },
    () => undefined,
  );
  return form;
}
