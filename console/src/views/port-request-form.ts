import { api, ApiProblem, path, type FieldError } from "../api.js";
import { h, replace, uid } from "../dom.js";
import { countryName, t } from "../i18n.js";
import type { PortRequest } from "../types.js";
import { coveredCountries } from "./address-data.js";

const CONSENT_METHODS = ["signed-loa", "online", "recorded-call", "other"] as const;

/** The numbers as typed: one per line, or separated by commas or semicolons; blank entries dropped. */
export function typedNumbers(text: string): string[] {
  return text
    .split(/[\n,;]+/)
    .map((number) => number.trim())
    .filter((number) => number !== "");
}

/** The browser's own IANA zone: a consent time typed here is read in it, and the label says so. */
const localZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The New port request form: account, the numbers' country and region, donor, the numbers as
 * they were pasted (one per line), and the end user's consent (who, when, how, which document;
 * required for EU numbers). The service's errors are shown beside their fields — each refused
 * number beside the numbers, as typed, with its reason — and nothing is created.
 */
export function portRequestForm(onCreated: (created: PortRequest) => void, onClose: () => void): HTMLElement {
  const field = (label: string, control: HTMLElement, hint?: string) => {
    const error = h("p", { className: "field-error", id: `${control.id}-error` });
    const hintEl = hint ? h("p", { className: "hint", id: `${control.id}-hint` }, hint) : null;
    if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
    return {
      el: h("div", { className: "field" }, h("label", { for: control.id }, label), control, hintEl, error),
      error,
    };
  };
  const account = h("input", { type: "text", id: uid("port-account"), autocomplete: "off" });
  const country = h("select", { id: uid("port-country") });
  const region = h("input", { type: "text", id: uid("port-region"), autocomplete: "off" });
  const donor = h("input", { type: "text", id: uid("port-donor"), autocomplete: "off" });
  const numbers = h("textarea", { id: uid("port-numbers"), rows: 4 });
  const consentBy = h("input", { type: "text", id: uid("consent-by"), autocomplete: "off" });
  const consentAt = h("input", { type: "datetime-local", id: uid("consent-at") });
  const consentMethod = h(
    "select",
    { id: uid("consent-method") },
    CONSENT_METHODS.map((method) => h("option", { value: method }, t(`porting.form.methods.${method}`))),
  );
  const consentReference = h("input", { type: "text", id: uid("consent-reference"), autocomplete: "off" });
  void coveredCountries().then((codes) =>
    replace(
      country,
      codes
        .map((code) => ({ code, name: countryName(code) }))
        .sort((a, b) => a.name.localeCompare(b.name))
        .map(({ code, name }) => h("option", { value: code, selected: code === "DE" }, name)),
    ),
  );

  const fields = {
    accountId: field(t("porting.form.account"), account),
    country: field(t("porting.form.country"), country),
    region: field(t("porting.form.region"), region, t("porting.form.regionHint")),
    donorProvider: field(t("porting.form.donor"), donor),
    numbers: field(t("porting.form.numbers"), numbers, t("porting.form.numbersHint")),
    "consent.givenBy": field(t("porting.form.consentBy"), consentBy),
    "consent.at": field(t("porting.form.consentAt", { zone: localZone() }), consentAt),
    "consent.method": field(t("porting.form.consentMethod"), consentMethod),
    "consent.reference": field(t("porting.form.consentReference"), consentReference),
  };
  const consentError = h("p", { className: "field-error", id: uid("consent-error") });
  const numberErrors = h("ul", { className: "field-error number-errors" });
  const formError = h("p", { className: "error", role: "alert" });
  const submit = h("button", { type: "submit" }, t("porting.form.submit"));
  const close = h("button", { type: "button", className: "secondary", onclick: onClose }, t("porting.form.cancel"));

  const clearErrors = () => {
    for (const { error } of Object.values(fields)) error.textContent = "";
    for (const control of [
      account,
      country,
      region,
      donor,
      numbers,
      consentBy,
      consentAt,
      consentMethod,
      consentReference,
    ])
      control.removeAttribute("aria-invalid");
    consentError.textContent = "";
    replace(numberErrors);
    formError.textContent = "";
  };

  const show = (errors: FieldError[], typed: string[]) => {
    const numberLines: HTMLElement[] = [];
    for (const error of errors) {
      const index = /^numbers\.(\d+)$/.exec(error.path);
      if (index) {
        const number = typed[Number(index[1])] ?? "";
        numberLines.push(h("li", {}, t("porting.form.numberError", { number, message: error.message })));
        numbers.setAttribute("aria-invalid", "true");
        continue;
      }
      if (error.path === "consent") {
        consentError.textContent = error.message;
        consentBy.setAttribute("aria-invalid", "true");
        continue;
      }
      const target = (fields as Partial<Record<string, (typeof fields)["numbers"]>>)[error.path];
      if (target) {
        target.error.textContent = error.message;
        document.getElementById(target.error.id.replace(/-error$/, ""))?.setAttribute("aria-invalid", "true");
      } else formError.textContent = `${error.path}: ${error.message}`;
    }
    replace(numberErrors, numberLines);
    if (numberLines.length)
      fields.numbers.error.textContent = t("porting.form.numbersRefused", { count: numberLines.length });
  };

  const form = h(
    "form",
    { className: "port-form", "aria-labelledby": "port-form-title", novalidate: true },
    h("h2", { id: "port-form-title" }, t("porting.form.title")),
    h(
      "div",
      { className: "port-grid" },
      h(
        "div",
        {},
        fields.accountId.el,
        fields.country.el,
        fields.region.el,
        fields.donorProvider.el,
        fields.numbers.el,
        numberErrors,
      ),
      h(
        "fieldset",
        { "aria-describedby": consentError.id },
        h("legend", {}, t("porting.form.consent")),
        h("p", { className: "hint" }, t("porting.form.consentHint")),
        consentError,
        fields["consent.givenBy"].el,
        fields["consent.at"].el,
        fields["consent.method"].el,
        fields["consent.reference"].el,
      ),
    ),
    formError,
    h("div", { className: "actions" }, submit, close),
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const typed = typedNumbers(numbers.value);
    const missing: FieldError[] = [];
    if (!account.value.trim()) missing.push({ path: "accountId", message: t("porting.form.required") });
    if (!donor.value.trim()) missing.push({ path: "donorProvider", message: t("porting.form.required") });
    if (typed.length === 0) missing.push({ path: "numbers", message: t("porting.form.required") });
    const consentGiven = consentBy.value.trim() !== "" || consentAt.value !== "";
    if (consentGiven && !consentBy.value.trim())
      missing.push({ path: "consent.givenBy", message: t("porting.form.required") });
    if (consentGiven && !consentAt.value) missing.push({ path: "consent.at", message: t("porting.form.required") });
    if (missing.length) {
      show(missing, typed);
      return;
    }
    const body = {
      numbers: typed,
      country: country.value,
      ...(region.value.trim() ? { region: region.value.trim().toUpperCase() } : {}),
      donorProvider: donor.value.trim(),
      ...(consentGiven
        ? {
            consent: {
              givenBy: consentBy.value.trim(),
              // datetime-local has no zone: it is the browser's, as the label says.
              at: new Date(consentAt.value).toISOString(),
              method: consentMethod.value,
              ...(consentReference.value.trim() ? { reference: consentReference.value.trim() } : {}),
            },
          }
        : {}),
    };
    submit.disabled = true;
    api<PortRequest>("POST", path`/v1/accounts/${account.value.trim()}/port-requests`, { body })
      .then((reply) => onCreated(reply.body))
      .catch((error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404)
          show([{ path: "accountId", message: error.detail }], typed);
        else if (error instanceof ApiProblem && error.errors.length) show(error.errors, typed);
        else formError.textContent = error instanceof ApiProblem ? error.detail || error.title : t("errors.network");
      })
      .finally(() => (submit.disabled = false));
  });
  return form;
}
