import { api, ApiProblem, path } from "../api.js";
import { announce, h, replace } from "../dom.js";
import { t } from "../i18n.js";
import type { Device } from "../types.js";

/** How often the page asks again while emergency calling is being enabled (it takes an e-mail). */
const FOLLOW_MS = 1_000;
/** Give up following after this long; the status stays as last read and a reload shows more. */
const FOLLOW_FOR_MS = 5 * 60_000;

export interface ActivationOptions {
  device: Device;
  /** The device as the service answered (after activating, and while following e911). */
  onDevice: (device: Device) => void;
  /** Puts focus on the location form (the fix for `location`). */
  focusLocationForm: () => void;
}

/**
 * The Activate button, for a device that is not active yet. When the service refuses (409), every
 * reason it gives (`errors`: location, acknowledgement) is listed, the location one with a link
 * to the form that fixes it. After activating, the e911 status is followed until it is enabled.
 */
export function activationPanel(options: ActivationOptions): HTMLElement {
  const box = h("div", { className: "activation", id: "activation" });
  const { device } = options;
  if (device.status === "active") {
    if (device.e911.status === "pending") follow(options);
    return box;
  }
  if (device.status === "deactivated") return box;
  const reasons = h("div", { className: "error-summary", role: "alert", tabindex: "-1", hidden: true });
  const button = h("button", { type: "button", id: "activate" }, t("activation.activate"));
  button.addEventListener("click", () => {
    button.disabled = true;
    reasons.hidden = true;
    void api<Device>("POST", path`/v1/accounts/${device.accountId}/devices/${device.deviceId}/activate`)
      .then((reply) => {
        box.replaceChildren();
        announce(t("activation.activated"));
        options.onDevice(reply.body);
        follow({ ...options, device: reply.body });
      })
      .catch((error: unknown) => {
        button.disabled = false;
        if (!(error instanceof ApiProblem) || error.status !== 409) {
          replace(reasons, h("p", {}, error instanceof ApiProblem ? error.detail || error.title : t("errors.network")));
          reasons.hidden = false;
          return;
        }
        const unmet = error.errors.length > 0 ? error.errors : [{ path: error.code, message: error.detail }];
        replace(
          reasons,
          h("h3", {}, t("activation.cannot")),
          h(
            "ul",
            {},
            unmet.map((reason) =>
              h(
                "li",
                {},
                reason.message,
                reason.path === "location" || reason.path === "location-required"
                  ? [
                      " ",
                      h(
                        "a",
                        {
                          href: "#",
                          onclick: (e: Event) => {
                            e.preventDefault();
                            options.focusLocationForm();
                          },
                        },
                        t("activation.fixLocation"),
                      ),
                    ]
                  : null,
              ),
            ),
          ),
        );
        reasons.hidden = false;
        reasons.focus();
      });
  });
  box.append(h("div", { className: "actions" }, button), reasons);
  return box;
}

/** Reads the device until e911 is enabled (or the page moved on), telling the page each time. */
function follow(options: ActivationOptions): void {
  const { device } = options;
  const until = Date.now() + FOLLOW_FOR_MS;
  const tick = async (): Promise<void> => {
    if (Date.now() > until || !document.getElementById("activation")) return;
    const fresh = (
      await api<Device>("GET", path`/v1/accounts/${device.accountId}/devices/${device.deviceId}`).catch(() => null)
    )?.body;
    if (fresh) options.onDevice(fresh);
    if (fresh?.e911.status === "enabled") {
      announce(t("activation.enabled"));
      return;
    }
    setTimeout(() => void tick(), FOLLOW_MS);
  };
  setTimeout(() => void tick(), FOLLOW_MS);
}
