import { h, uid } from "../dom.js";
import { t } from "../i18n.js";

export interface ConfirmOptions {
  title: string;
  message: string;
  confirmLabel: string;
  /** A required free-text field (e.g. the reason for cancelling); its value is returned. */
  reasonLabel?: string;
}

/**
 * Asks before an action that cannot be taken back or that e-mails the customer: a modal dialog
 * (the platform's `<dialog>`: focus moves into it and Escape closes it) with the action's own
 * label and "Go back". Resolves to null when the person goes back, else to the reason typed
 * (empty string when no reason is asked for).
 */
export function confirmAction(options: ConfirmOptions): Promise<string | null> {
  const titleId = uid("confirm-title");
  const reasonId = uid("confirm-reason");
  const reason = options.reasonLabel ? h("textarea", { id: reasonId, rows: 3, required: true }) : null;
  const reasonError = h("p", { className: "field-error", id: `${reasonId}-error` });
  const confirm = h("button", { type: "button" }, options.confirmLabel);
  const back = h("button", { type: "button", className: "secondary" }, t("porting.confirmGoBack"));
  const dialog = h(
    "dialog",
    { className: "confirm", "aria-labelledby": titleId },
    h("h2", { id: titleId }, options.title),
    h("p", {}, options.message),
    reason
      ? h("div", { className: "field" }, h("label", { for: reasonId }, options.reasonLabel ?? ""), reason, reasonError)
      : null,
    h("div", { className: "actions" }, confirm, back),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    const finish = (value: string | null) => {
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    confirm.addEventListener("click", () => {
      if (reason && !reason.value.trim()) {
        reasonError.textContent = t("porting.form.required");
        reason.setAttribute("aria-invalid", "true");
        reason.setAttribute("aria-describedby", reasonError.id);
        reason.focus();
        return;
      }
      finish(reason ? reason.value.trim() : "");
    });
    back.addEventListener("click", () => finish(null));
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      finish(null);
    });
    dialog.showModal();
    (reason ?? confirm).focus();
  });
}
