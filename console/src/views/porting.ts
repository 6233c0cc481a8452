import { api, ApiProblem, path } from "../api.js";
import { announce, h, replace } from "../dom.js";
import { countryName, formatDate, formatDateTime, t, tOr } from "../i18n.js";
import type { PortRequest } from "../types.js";

/**
 * Open port requests across accounts, overdue first then by deadline (the service's order).
 * Each card: the requirements checklist (tick to satisfy, untick to withdraw), the agreed date,
 * the deadline with the days passed over and why, and completion. Every change is sent with
 * If-Match; if someone else changed the request first, the card is reloaded and says so.
 */
export function portingView(): HTMLElement {
  const list = h("div", { className: "board" }, h("p", {}, t("common.loading")));
  const summary = h("p", { className: "status", role: "status" });
  const refresh = h(
    "button",
    { type: "button", className: "secondary", onclick: () => void load() },
    t("porting.refresh"),
  );

  const load = async (): Promise<void> => {
    try {
      const items = (await api<{ items: PortRequest[] }>("GET", "/v1/porting/board")).body.items;
      const overdue = items.filter((p) => p.status === "overdue").length;
      summary.textContent = t("porting.summary", { count: items.length, overdue });
      // Cards are rebuilt after every change; keep keyboard focus on the control that had it.
      const focused = document.activeElement?.id;
      replace(list, items.length ? items.map((item) => card(item, load)) : h("p", {}, t("porting.empty")));
      if (focused) document.getElementById(focused)?.focus();
    } catch (error) {
      replace(
        list,
        h(
          "p",
          { className: "error", role: "alert" },
          error instanceof ApiProblem ? error.detail || error.title : t("errors.network"),
        ),
      );
    }
  };
  void load();
  return h(
    "section",
    { className: "view" },
    h("div", { className: "view-head" }, h("h1", { tabindex: "-1" }, t("porting.title")), refresh),
    h("p", { className: "hint" }, t("porting.intro")),
    summary,
    list,
  );
}

function card(request: PortRequest, reload: () => Promise<void>): HTMLElement {
  // Ids from the request's own id, so they survive a reload of the board.
  const id = request.id;
  const message = h("p", { className: "status", role: "status" });
  const base = path`/v1/accounts/${request.accountId}/port-requests/${request.id}`;
  const ifMatch = { "if-match": `"${request.version}"` };

  const act = async (run: () => Promise<unknown>, done: string): Promise<void> => {
    try {
      await run();
      announce(done);
      await reload();
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        await reload();
        announce(t("porting.changedMeanwhile"));
        return;
      }
      message.textContent =
        error instanceof ApiProblem
          ? `${error.title}: ${error.errors.map((e) => e.message).join("; ") || error.detail}`
          : t("errors.network");
    }
  };

  const requirements = Object.entries(request.requirements).map(([name, state]) => {
    const box = h("input", { type: "checkbox", id: `${id}-${name}`, checked: state.satisfied });
    box.addEventListener("change", () => {
      void act(
        () =>
          api("PUT", `${base}/requirements/${encodeURIComponent(name)}`, {
            body: { satisfied: box.checked },
            headers: ifMatch,
          }),
        t("porting.requirementSaved"),
      );
    });
    return h(
      "li",
      { className: state.satisfied ? "done" : "" },
      box,
      h("label", { for: box.id }, tOr(`requirements.${name}`, name)),
      state.satisfied && state.at
        ? h(
            "span",
            { className: "sub", title: state.by ?? "" },
            t("porting.satisfiedBy", { when: formatDateTime(state.at, request.timeZone), who: actorName(state.by) }),
          )
        : null,
      state.note ? h("span", { className: "sub" }, state.note) : null,
    );
  });

  const dateInput = h("input", { type: "date", id: `${id}-date`, value: request.agreedDate ?? "" });
  const setDate = h("button", { type: "button", className: "secondary" }, t("porting.setDate"));
  setDate.addEventListener("click", () => {
    if (!dateInput.value) {
      message.textContent = t("porting.dateRequired");
      dateInput.focus();
      return;
    }
    void act(
      () => api("PUT", `${base}/agreed-date`, { body: { date: dateInput.value }, headers: ifMatch }),
      t("porting.dateSaved"),
    );
  });
  const complete = h(
    "button",
    { type: "button", disabled: request.status === "awaiting_requirements" },
    t("porting.complete"),
  );
  complete.addEventListener(
    "click",
    () => void act(() => api("POST", `${base}/complete`, { body: {}, headers: ifMatch }), t("porting.completed")),
  );

  const deadline = request.deadline;
  const skipped = deadline?.skipped ?? [];
  return h(
    "article",
    { className: `port-card status-${request.status}`, "aria-labelledby": `${id}-title` },
    h(
      "header",
      {},
      h("h2", { id: `${id}-title` }, request.numbers.join(", ")),
      h("span", { className: `badge port-${request.status}` }, tOr(`portStatus.${request.status}`, request.status)),
    ),
    h(
      "p",
      { className: "sub" },
      t("porting.meta", {
        account: request.accountId,
        donor: request.donorProvider,
        place: `${countryName(request.country)}${request.region ? ` (${request.region})` : ""}`,
      }),
    ),
    h(
      "div",
      { className: "port-grid" },
      h("fieldset", {}, h("legend", {}, t("porting.requirements")), h("ul", { className: "checklist" }, requirements)),
      h(
        "div",
        {},
        h(
          "div",
          { className: "field" },
          h("label", { for: dateInput.id }, t("porting.agreedDate")),
          h("div", { className: "inline" }, dateInput, setDate),
          request.agreedDate
            ? h("p", { className: "hint" }, formatDate(request.agreedDate))
            : h("p", { className: "hint" }, t("porting.noDate")),
        ),
        h(
          "div",
          { className: "deadline" },
          h("h3", {}, t("porting.deadline")),
          deadline
            ? h(
                "p",
                {},
                h("strong", {}, formatDate(deadline.date)),
                " ",
                t("porting.deadlineAt", { at: formatDateTime(deadline.at, request.timeZone), zone: request.timeZone }),
              )
            : h("p", {}, t("porting.noDeadline")),
          skipped.length
            ? h(
                "div",
                {},
                h("p", { className: "hint" }, t("porting.skippedIntro")),
                h(
                  "ul",
                  { className: "skipped" },
                  skipped.map((s) =>
                    h("li", {}, `${formatDate(s.date)}: ${s.reason === "weekend" ? t("porting.weekend") : s.reason}`),
                  ),
                ),
              )
            : deadline
              ? h("p", { className: "hint" }, t("porting.noneSkipped"))
              : null,
        ),
        h("div", { className: "actions" }, complete),
      ),
    ),
    message,
  );
}

/** "key_abc (Jane at fulfillment)" → "Jane at fulfillment": the label people recognise; the full actor is in the tooltip and the history. */
function actorName(actor: string | null): string {
  if (!actor) return "—";
  return /\(([^()]+)\)$/.exec(actor)?.[1] ?? actor;
}
