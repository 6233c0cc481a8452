import { h } from "../dom.js";
import { t } from "../i18n.js";

/** A field labelled "API key" and a "Sign in" button; the key goes to session storage only. */
export function signInView(signIn: (key: string) => Promise<void>): HTMLElement {
  const input = h("input", {
    id: "api-key",
    name: "api-key",
    type: "password",
    autocomplete: "off",
    spellcheck: "false",
    required: true,
    "data-autofocus": true,
    "aria-describedby": "api-key-hint",
  });
  const error = h("p", { id: "sign-in-error", className: "field-error", role: "alert" });
  const button = h("button", { type: "submit" }, t("signIn.submit"));
  const submit = async (): Promise<void> => {
    error.textContent = "";
    const key = input.value.trim();
    if (!key) {
      error.textContent = t("signIn.empty");
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    button.disabled = true;
    try {
      await signIn(key);
    } catch (problem) {
      error.textContent = problem instanceof Error && problem.message ? problem.message : t("signIn.invalid");
      input.setAttribute("aria-invalid", "true");
      input.focus();
    } finally {
      button.disabled = false;
    }
  };
  const form = h(
    "form",
    {
      className: "card narrow",
      novalidate: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void submit();
      },
    },
    h("h1", { tabindex: "-1" }, t("signIn.title")),
    h("p", {}, t("signIn.intro")),
    h(
      "div",
      { className: "field" },
      h("label", { for: "api-key" }, t("signIn.key")),
      input,
      h("p", { id: "api-key-hint", className: "hint" }, t("signIn.hint")),
      error,
    ),
    h("div", { className: "actions" }, button),
  );
  input.setAttribute("aria-errormessage", "sign-in-error");
  return h("section", { className: "view sign-in" }, form);
}
