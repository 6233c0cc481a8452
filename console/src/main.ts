import { api, ApiProblem, session, whenUnauthorized } from "./api.js";
import { announce, h, replace } from "./dom.js";
import { currentLanguage, languageChoices, loadLanguage, t } from "./i18n.js";
import type { Principal } from "./types.js";
import { deviceView } from "./views/device.js";
import { emergencyCallView, emergencyFeedView, startEmergencyBanner } from "./views/emergency-calls.js";
import { importView } from "./views/import.js";
import { portingView } from "./views/porting.js";
import { searchView } from "./views/search.js";
import { signInView } from "./views/sign-in.js";

/**
 * The fulfillment console: one page, hash routes (`#/search`, `#/devices/<account>/<device>`,
 * `#/porting`, `#/import`), every view built from the API with the signed-in key.
 */

let principal: Principal | null = null;
let renderCount = 0;

const header = document.getElementById("top")!;
const main = document.getElementById("main")!;

function isStaff(): boolean {
  return principal?.role === "admin" || principal?.role === "fulfillment";
}

async function readSession(): Promise<Principal | null> {
  if (!session.key()) return null;
  try {
    return (await api<Principal>("GET", "/v1/console/session")).body;
  } catch (error) {
    if (error instanceof ApiProblem && error.status === 401) session.signOut();
    return null;
  }
}

function route(): { name: string; params: string[]; query: URLSearchParams } {
  const hash = location.hash.replace(/^#\/?/, "");
  const [pathPart = "", queryPart = ""] = hash.split("?");
  const parts = pathPart.split("/").filter(Boolean).map(decodeURIComponent);
  return { name: parts[0] ?? "search", params: parts.slice(1), query: new URLSearchParams(queryPart) };
}

function renderHeader(): void {
  document.title = t("shell.title");
  const current = route().name;
  const link = (name: string, href: string, text: string) =>
    h("a", { href, className: "nav-link", "aria-current": current === name ? "page" : null }, text);
  const language = h(
    "select",
    { id: "language", onchange: (e: Event) => void changeLanguage((e.target as HTMLSelectElement).value) },
    languageChoices().map((l) => h("option", { value: l.code, selected: l.code === currentLanguage() }, l.name)),
  );
  replace(
    header,
    h(
      "a",
      {
        href: "#main",
        className: "skip-link",
        onclick: (e: Event) => {
          e.preventDefault();
          focusMain();
        },
      },
      t("shell.skip"),
    ),
    h("div", { className: "brand" }, t("shell.title")),
    principal
      ? h(
          "nav",
          { "aria-label": t("shell.navigation") },
          link("search", "#/search", t("shell.nav.search")),
          isStaff() ? link("emergency-calls", "#/emergency-calls", t("shell.nav.emergencyCalls")) : null,
          isStaff() ? link("porting", "#/porting", t("shell.nav.porting")) : null,
          isStaff() ? link("import", "#/import", t("shell.nav.import")) : null,
          principal.role === "admin"
            ? h("a", { href: "/admin/queues", className: "nav-link", onclick: openQueues }, t("shell.nav.queues"))
            : null,
        )
      : h("span", { className: "spacer" }),
    h(
      "div",
      { className: "tools" },
      h("label", { for: "language", className: "inline-label" }, t("shell.language")),
      language,
      principal
        ? h(
            "span",
            { className: "who" },
            t("shell.signedInAs", {
              key: principal.label ? principal.label : principal.keyId,
              role: t(`roles.${principal.role}`),
            }),
          )
        : null,
      principal ? h("button", { type: "button", className: "secondary", onclick: signOut }, t("shell.signOut")) : null,
    ),
  );
}

/**
 * The queue dashboard opens with a short-lived cookie for /admin that the key buys (the key itself
 * never goes into a cookie or a URL), then in a tab of its own.
 */
function openQueues(event: Event): void {
  event.preventDefault();
  void api("POST", "/v1/console/admin-session", { acceptCookie: true }).then(
    () => window.open("/admin/queues/", "_blank", "noopener"),
    () => announce(t("shell.queuesFailed")),
  );
}

function focusMain(): void {
  const heading = main.querySelector<HTMLElement>("h1");
  (heading ?? main).focus();
}

async function changeLanguage(lng: string): Promise<void> {
  await loadLanguage(lng);
  await render();
  document.getElementById("language")?.focus();
}

function signOut(): void {
  session.signOut();
  principal = null;
  location.hash = "#/search";
  void render();
}

export function render(): Promise<void> {
  const mine = ++renderCount;
  renderHeader();
  const { name, params, query } = route();
  let view: HTMLElement;
  if (!principal) {
    view = signInView(async (key) => {
      session.signIn(key);
      principal = await readSession();
      if (!principal) throw new Error(t("signIn.invalid"));
      await render();
    });
  } else
    switch (name) {
      case "devices":
        view = params.length === 2 ? deviceView(params[0]!, params[1]!) : searchView(query);
        break;
      case "emergency-calls":
        view =
          params.length === 2
            ? emergencyCallView(params[0]!, params[1]!)
            : isStaff()
              ? emergencyFeedView()
              : searchView(query);
        break;
      case "porting":
        view = isStaff() ? portingView() : searchView(query);
        break;
      case "import":
        view = isStaff() ? importView() : searchView(query);
        break;
      default:
        view = searchView(query);
    }
  if (mine !== renderCount) return Promise.resolve();
  replace(main, view);
  const autofocus = view.querySelector<HTMLElement>("[data-autofocus]");
  if (autofocus) autofocus.focus();
  else focusMain();
  return Promise.resolve();
}

async function start(): Promise<void> {
  await loadLanguage();
  whenUnauthorized(() => {
    if (!principal) return;
    session.signOut();
    principal = null;
    void render().then(() => announce(t("signIn.expired")));
  });
  principal = await readSession();
  startEmergencyBanner(isStaff);
  window.addEventListener("hashchange", () => void render());
  await render();
}

void start();
