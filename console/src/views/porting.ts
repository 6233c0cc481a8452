import { api, ApiProblem, path } from "../api.js";
import { h, replace } from "../dom.js";
import { countryName, formatDate, formatDateTime, placeTime, t, tOr } from "../i18n.js";
import type { PortRequest } from "../types.js";
import { confirmAction } from "./confirm.js";
import { portRequestForm } from "./port-request-form.js";

type Filter = "open" | "completed" | "cancelled";

/** A time with the zone it is shown in, so nobody reads Melbourne time as Berlin time. */
function zoned(iso: string | null | undefined, zone: string): string {
  return t("porting.timeInZone", { time: formatDateTime(iso, zone), zone });
}

/** A staff action's time in the viewer's own zone, for the title (hover) of the line showing it. */
function yours(iso: string | null | undefined, zone: string): string | null {
  return placeTime(iso, zone).title;
}

/**
 * The porting board: open requests across accounts (overdue first, then by deadline), or the
 * recently completed or cancelled ones. Each card: the requirements checklist, the agreed date,
 * the deadline with the days passed over and why, consent, compensation, completion and
 * cancellation. Actions that e-mail the customer ask first; every outcome is shown on the page
 * (not only read to screen readers). Changes are sent with If-Match; if someone else changed the
 * request first, the board reloads and says so.
 */
export function portingView(): HTMLElement {
  let filter: Filter = "open";
  const list = h("div", { className: "board" }, h("p", {}, t("common.loading")));
  const summary = h("p", { className: "status", role: "status" });
  const flash = h("p", { className: "flash", role: "status" });
  const formSlot = h("div", {});
  const say = (message: string, kind: "ok" | "warn" = "ok") => {
    flash.className = `flash flash-${kind}`;
    flash.textContent = message;
  };
  const refresh = h(
    "button",
    { type: "button", className: "secondary", onclick: () => void load() },
    t("porting.refresh"),
  );
  const filterSelect = h(
    "select",
    { id: "porting-filter" },
    (["open", "completed", "cancelled"] as const).map((value) =>
      h("option", { value }, t(`porting.filter${value[0]!.toUpperCase()}${value.slice(1)}`)),
    ),
  );
  filterSelect.addEventListener("change", () => {
    filter = filterSelect.value as Filter;
    void load();
  });
  const newRequest = h("button", { type: "button" }, t("porting.new"));
  newRequest.addEventListener("click", () => {
    const form = portRequestForm(
      (created) => {
        replace(formSlot);
        say(t("porting.form.created", { account: created.accountId, count: created.numbers.length }));
        void load();
      },
      () => {
        replace(formSlot);
        newRequest.focus();
      },
    );
    replace(formSlot, form);
    form.querySelector("input")?.focus();
  });

  const load = async (): Promise<void> => {
    try {
      const query = filter === "open" ? "" : `?status=${filter}`;
      const items = (await api<{ items: PortRequest[] }>("GET", `/v1/porting/board${query}`)).body.items;
      const overdue = items.filter((p) => p.status === "overdue").length;
      summary.textContent =
        filter === "open"
          ? t("porting.summary", { count: items.length, overdue })
          : t("porting.summaryClosed", { count: items.length });
      // Cards are rebuilt after every change; keep keyboard focus on the control that had it.
      const focused = document.activeElement?.id;
      const empty =
        filter === "open"
          ? t("porting.empty")
          : t(`porting.empty${filter === "completed" ? "Completed" : "Cancelled"}`);
      replace(list, items.length ? items.map((item) => card(item, load, say)) : h("p", {}, empty));
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
    h(
      "div",
      { className: "view-head" },
      h("h1", { tabindex: "-1" }, t("porting.title")),
      h("div", { className: "actions" }, newRequest, refresh),
    ),
    h("p", { className: "hint" }, t("porting.intro")),
    formSlot,
    h("div", { className: "field filter" }, h("label", { for: filterSelect.id }, t("porting.filter")), filterSelect),
    summary,
    flash,
    list,
  );
}

function card(
  request: PortRequest,
  reload: () => Promise<void>,
  say: (message: string, kind?: "ok" | "warn") => void,
): HTMLElement {
  // Ids from the request's own id, so they survive a reload of the board.
  const id = request.id;
  const open = request.status !== "completed" && request.status !== "cancelled";
  const message = h("p", { className: "error", role: "alert" });
  const base = path`/v1/accounts/${request.accountId}/port-requests/${request.id}`;
  const ifMatch = { "if-match": `"${request.version}"` };
  const scheduled = request.status === "scheduled" || request.status === "overdue";
  const allMet = (except?: string) =>
    Object.entries(request.requirements).every(([n, s]) => n === except || s.satisfied);

  /** Asks first when the change e-mails the customer (`notice` says what), then sends it. */
  const act = async (run: () => Promise<unknown>, done: string, notice?: string): Promise<void> => {
    if (notice) {
      const ok = await confirmAction({
        title: t("porting.confirmTitle"),
        message: notice,
        confirmLabel: t("porting.confirmContinue"),
      });
      if (ok === null) {
        await reload();
        return;
      }
    }
    try {
      await run();
      say(done);
      await reload();
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412) {
        await reload();
        say(t("porting.changedMeanwhile"), "warn");
        return;
      }
      message.textContent =
        error instanceof ApiProblem
          ? `${error.title}: ${error.errors.map((e) => e.message).join("; ") || error.detail}`
          : t("errors.network");
    }
  };

  const requirements = Object.entries(request.requirements).map(([name, state]) => {
    const box = h("input", { type: "checkbox", id: `${id}-${name}`, checked: state.satisfied, disabled: !open });
    box.addEventListener("change", () => {
      const notice =
        !box.checked && scheduled
          ? t("porting.notifies.delayed", { account: request.accountId })
          : box.checked && request.agreedDate && allMet(name)
            ? t("porting.notifies.scheduled", { account: request.accountId })
            : undefined;
      void act(
        () =>
          api("PUT", `${base}/requirements/${encodeURIComponent(name)}`, {
            body: { satisfied: box.checked },
            headers: ifMatch,
          }),
        t("porting.requirementSaved"),
        notice,
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
            { className: "sub", title: [state.by, yours(state.at, request.timeZone)].filter(Boolean).join(" · ") },
            t("porting.satisfiedBy", { when: zoned(state.at, request.timeZone), who: actorName(state.by) }),
          )
        : null,
      state.note ? h("span", { className: "sub" }, state.note) : null,
    );
  });

  const dateInput = h("input", { type: "date", id: `${id}-date`, value: request.agreedDate ?? "", disabled: !open });
  const setDate = h("button", { type: "button", className: "secondary", disabled: !open }, t("porting.setDate"));
  setDate.addEventListener("click", () => {
    if (!dateInput.value) {
      message.textContent = t("porting.dateRequired");
      dateInput.focus();
      return;
    }
    const notice = allMet()
      ? t(scheduled ? "porting.notifies.dateChanged" : "porting.notifies.scheduled", { account: request.accountId })
      : undefined;
    void act(
      () => api("PUT", `${base}/agreed-date`, { body: { date: dateInput.value }, headers: ifMatch }),
      t("porting.dateSaved"),
      notice,
    );
  });
  const complete = h("button", { type: "button", disabled: !scheduled }, t("porting.complete"));
  complete.addEventListener("click", () => {
    void act(
      () => api("POST", `${base}/complete`, { body: {}, headers: ifMatch }),
      t("porting.completed"),
      t("porting.notifies.complete", { account: request.accountId }),
    );
  });
  const cancel = h("button", { type: "button", className: "secondary" }, t("porting.cancel"));
  cancel.addEventListener("click", () => {
    void (async () => {
      const reason = await confirmAction({
        title: t("porting.cancelTitle"),
        message: t("porting.cancelMessage", { numbers: request.numbers.join(", ") }),
        confirmLabel: t("porting.cancelConfirm"),
        reasonLabel: t("porting.cancelReason"),
      });
      if (reason === null) return;
      await act(() => api("POST", `${base}/cancel`, { body: { reason }, headers: ifMatch }), t("porting.cancelled"));
    })();
  });

  const deadline = request.deadline;
  const skipped = deadline?.skipped ?? [];
  const consent = request.consent;
  const compensation = request.compensation;
  const money = (amount: number, currency: string) =>
    new Intl.NumberFormat(document.documentElement.lang, { style: "currency", currency }).format(amount);
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
      "p",
      { className: "sub", title: consent ? yours(consent.at, request.timeZone) : null },
      consent
        ? t("porting.consentLine", {
            who: consent.givenBy,
            when: zoned(consent.at, request.timeZone),
            method: tOr(`porting.form.methods.${consent.method}`, consent.method),
            reference: consent.reference ?? "—",
          })
        : t("porting.noConsent"),
    ),
    compensation
      ? h(
          "p",
          { className: "compensation" },
          t(compensation.final ? "porting.compensationFinal" : "porting.compensationSoFar", {
            amount: money(compensation.amount, compensation.currency),
            citation: compensation.citation,
            days: compensation.days,
          }),
        )
      : null,
    request.completedAt
      ? h(
          "p",
          { className: "sub", title: yours(request.completedAt, request.timeZone) },
          t(request.completedOnTime === false ? "porting.completedLate" : "porting.completedAt", {
            when: zoned(request.completedAt, request.timeZone),
          }),
        )
      : null,
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
          h("p", { className: "hint" }, request.agreedDate ? formatDate(request.agreedDate) : t("porting.noDate")),
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
        open ? h("div", { className: "actions" }, complete, cancel) : null,
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
