import { api, ApiProblem, path } from "../api.js";
import { download, h, replace } from "../dom.js";
import { t } from "../i18n.js";
import type { LocationImport, ReportRow, RunState } from "../types.js";

/** The documented columns (the service's OpenAPI description of POST /v1/location-imports). */
const COLUMNS = [
  "accountId",
  "deviceId",
  "country",
  "region",
  "county",
  "city",
  "district",
  "preDirectional",
  "street",
  "streetSuffix",
  "postDirectional",
  "houseNumber",
  "houseNumberSuffix",
  "landmark",
  "additionalInfo",
  "floor",
  "name",
  "postalCode",
  "building",
  "unit",
  "room",
  "seat",
  "placeType",
  "reason",
];
const REQUIRED = ["accountId", "deviceId", "country", "city", "reason"];
/** Characters per upload request: well under the API's body limit. */
const PART = 50_000;
const POLL_MS = 300;
const SHOWN_PROBLEMS = 100;

/**
 * Bulk import of device locations from a CSV file: upload, a dry run that reports every row's
 * errors and writes nothing, then the real run. Both runs are background jobs; the progress bar
 * follows the job's progress. Each run's full report can be downloaded as CSV.
 */
export function importView(): HTMLElement {
  const fileInput = h("input", {
    id: "import-file",
    type: "file",
    accept: ".csv,text/csv",
    "aria-describedby": "import-file-hint",
  });
  const fileError = h("p", { id: "import-file-error", className: "field-error" });
  const checkButton = h("button", { type: "submit" }, t("import.check"));
  // Merge is the default: a file never clears what it does not mention (issue 20).
  const modeChoice = (mode: "merge" | "replace") =>
    h(
      "label",
      { className: "choice" },
      h("input", { type: "radio", name: "import-mode", value: mode, checked: mode === "merge" }),
      " ",
      t(mode === "merge" ? "import.modeMerge" : "import.modeReplace"),
    );
  const modeField = h(
    "fieldset",
    { className: "field" },
    h("legend", {}, t("import.modeLegend")),
    modeChoice("merge"),
    modeChoice("replace"),
  );
  const chosenMode = (): "merge" | "replace" =>
    modeField.querySelector<HTMLInputElement>("input[value=replace]")?.checked ? "replace" : "merge";
  const dryRunBox = h("section", { className: "card", hidden: true, "aria-labelledby": "dry-run-heading" });
  const applyBox = h("section", { className: "card", hidden: true, "aria-labelledby": "apply-heading" });
  let current: LocationImport | null = null;

  const upload = async (event: Event): Promise<void> => {
    event.preventDefault();
    fileError.textContent = "";
    const file = fileInput.files?.[0];
    if (!file) {
      fileError.textContent = t("import.chooseFile");
      fileInput.setAttribute("aria-invalid", "true");
      fileInput.focus();
      return;
    }
    fileInput.removeAttribute("aria-invalid");
    checkButton.disabled = true;
    applyBox.hidden = true;
    try {
      const text = await file.text();
      const parts = splitParts(text);
      let created = (
        await api<LocationImport>("POST", "/v1/location-imports", {
          body: {
            name: file.name.slice(0, 200),
            csv: parts[0] ?? "",
            complete: parts.length <= 1,
            mode: chosenMode(),
          },
        })
      ).body;
      for (let index = 1; index < parts.length; index++) {
        created = (
          await api<LocationImport>("POST", path`/v1/location-imports/${created.id}/parts`, {
            body: { index, csv: parts[index]!, complete: index === parts.length - 1 },
          })
        ).body;
      }
      current = created;
      await runAndFollow(created.id, "dry-run", dryRunBox, () => offerApply());
    } catch (error) {
      fileError.textContent =
        error instanceof ApiProblem
          ? `${error.title}: ${error.errors.map((e) => `${e.path} ${e.message}`).join("; ") || error.detail}`
          : t("errors.network");
    } finally {
      checkButton.disabled = false;
    }
  };

  const offerApply = (): void => {
    const run = current?.runs["dry-run"];
    if (!current || !run || run.status !== "done") return;
    const importId = current.id;
    const go = h("button", { type: "button", disabled: run.ok === 0 }, t("import.apply", { count: run.ok }));
    go.addEventListener("click", () => {
      go.disabled = true;
      void runAndFollow(importId, "apply", applyBox, () => undefined);
    });
    dryRunBox.append(h("div", { className: "actions" }, go));
  };

  const runAndFollow = async (
    importId: string,
    mode: "dry-run" | "apply",
    box: HTMLElement,
    whenDone: () => void,
  ): Promise<void> => {
    const headingId = mode === "dry-run" ? "dry-run-heading" : "apply-heading";
    const progress = h("progress", { id: `${mode}-progress`, max: 100, value: 0 });
    const progressText = h(
      "p",
      { className: "status", id: `${mode}-progress-text`, role: "status" },
      t("import.queued"),
    );
    replace(
      box,
      h("h2", { id: headingId }, t(mode === "dry-run" ? "import.dryRunTitle" : "import.applyTitle")),
      h("label", { for: progress.id }, t(mode === "dry-run" ? "import.dryRunProgress" : "import.applyProgress")),
      progress,
      progressText,
    );
    box.hidden = false;
    // Follow the run: bring its box into view and put focus on its heading.
    const heading = box.querySelector<HTMLElement>("h2");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus();
    box.scrollIntoView({ block: "start" });
    current = (await api<LocationImport>("POST", path`/v1/location-imports/${importId}/runs`, { body: { mode } })).body;
    for (;;) {
      const run = current.runs[mode];
      if (run) {
        progress.value = run.percent;
        progress.setAttribute("aria-valuetext", `${run.percent}%`);
        progressText.textContent =
          run.total === null
            ? t("import.queued")
            : t("import.progress", { processed: run.processed, total: run.total, percent: run.percent });
        if (run.status === "done" || run.status === "failed") break;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      current = (await api<LocationImport>("GET", path`/v1/location-imports/${importId}`)).body;
    }
    const run = current.runs[mode]!;
    await showOutcome(box, importId, run);
    whenDone();
  };

  const template = (): void => {
    const example = [
      "acme",
      "desk-12",
      "DE",
      "DE-BY",
      "",
      "München",
      "",
      "",
      "Leopoldstraße",
      "",
      "",
      "12",
      "",
      "",
      "",
      "3",
      "",
      "80802",
      "",
      "",
      "",
      "",
      "",
      "moved to the third floor",
    ];
    download(
      "location-import-template.csv",
      new Blob([`${COLUMNS.join(",")}\r\n${example.join(",")}\r\n`], { type: "text/csv" }),
    );
  };

  return h(
    "section",
    { className: "view" },
    h("h1", { tabindex: "-1" }, t("import.title")),
    h("p", {}, t("import.intro")),
    h(
      "details",
      { className: "card" },
      h("summary", {}, t("import.columnsTitle")),
      h("p", {}, t("import.columnsIntro")),
      h("p", { className: "mono small wrap" }, COLUMNS.join(", ")),
      h("p", {}, t("import.requiredColumns", { columns: REQUIRED.join(", ") })),
      h("button", { type: "button", className: "secondary", onclick: template }, t("import.template")),
    ),
    h(
      "form",
      { className: "card", novalidate: true, onsubmit: (e: Event) => void upload(e) },
      h(
        "div",
        { className: "field" },
        h("label", { for: fileInput.id }, t("import.file")),
        fileInput,
        h("p", { id: "import-file-hint", className: "hint" }, t("import.fileHint")),
        fileError,
      ),
      modeField,
      h("div", { className: "actions" }, checkButton),
    ),
    dryRunBox,
    applyBox,
  );
}

/** Splits the file at line ends into request-sized parts (a very long line is cut where it must be). */
function splitParts(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PART);
    if (end < text.length) {
      const lineEnd = text.lastIndexOf("\n", end - 1);
      if (lineEnd > start) end = lineEnd + 1;
    }
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts.length ? parts : [""];
}

async function showOutcome(box: HTMLElement, importId: string, run: RunState): Promise<void> {
  const mode = run.mode;
  if (run.fileErrors.length) {
    box.append(
      h(
        "div",
        { className: "error-summary", role: "alert" },
        h("h3", {}, t("import.fileRefused")),
        h(
          "ul",
          {},
          run.fileErrors.map((e) => h("li", {}, e.path ? `${e.path}: ${e.message}` : e.message)),
        ),
      ),
    );
    return;
  }
  if (run.status === "failed") {
    box.append(h("p", { className: "error", role: "alert" }, run.error ?? t("errors.network")));
    return;
  }
  const text =
    mode === "dry-run"
      ? t("import.dryRunResult", { total: run.total ?? 0, ok: run.ok, failed: run.failed })
      : t("import.applyResult", { total: run.total ?? 0, ok: run.ok, unchanged: run.unchanged, failed: run.failed });
  box.append(h("p", { className: "result", id: `${mode}-result`, role: "status" }, text));
  if (mode === "dry-run") await showChanges(box, importId);
  if (run.failed > 0) {
    const rows = (
      await api<{ items: ReportRow[] }>(
        "GET",
        path`/v1/location-imports/${importId}/report` + `?mode=${mode}&problems=true&limit=${SHOWN_PROBLEMS}`,
      )
    ).body.items;
    box.append(
      h(
        "table",
        { className: "problems" },
        h(
          "caption",
          {},
          run.failed > SHOWN_PROBLEMS
            ? t("import.problemsFirst", { shown: SHOWN_PROBLEMS, count: run.failed })
            : t("import.problems", { count: run.failed }),
        ),
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ...["row", "device", "column", "message"].map((c) => h("th", { scope: "col" }, t(`import.columns.${c}`))),
          ),
        ),
        h(
          "tbody",
          {},
          rows.flatMap((row) =>
            row.errors.map((error, i) =>
              h(
                "tr",
                {},
                i === 0 ? h("th", { scope: "row", rowspan: row.errors.length }, String(row.row)) : null,
                i === 0
                  ? h("td", { rowspan: row.errors.length }, `${row.accountId || "—"} / ${row.deviceId || "—"}`)
                  : null,
                h("td", { className: "mono" }, error.path || "—"),
                h("td", {}, error.message),
              ),
            ),
          ),
        ),
      ),
    );
  }
  const downloadButton = h("button", { type: "button", className: "secondary" }, t("import.downloadReport"));
  downloadButton.addEventListener("click", () => {
    void api<string>("GET", path`/v1/location-imports/${importId}/report` + `?mode=${mode}&format=csv`, {
      accept: "text/csv",
      text: true,
    }).then((reply) => {
      // Keep the byte-order mark (fetch drops it) so spreadsheets read the file as UTF-8.
      download(`${importId}-${mode}-report.csv`, new Blob(["\uFEFF", reply.body], { type: "text/csv" }));
    });
  });
  box.append(h("div", { className: "actions" }, downloadButton));
}

/** The dry run's before → after, field by field, for the first rows that change something. */
async function showChanges(box: HTMLElement, importId: string): Promise<void> {
  const rows = (
    await api<{ items: ReportRow[] }>(
      "GET",
      path`/v1/location-imports/${importId}/report` + `?mode=dry-run&limit=${SHOWN_PROBLEMS}`,
    )
  ).body.items.filter((row) => row.diff.length > 0);
  if (rows.length === 0) {
    box.append(h("p", { id: "dry-run-changes" }, t("import.noChanges")));
    return;
  }
  const value = (text: string | null) => (text === null ? h("em", {}, t("import.noValue")) : text);
  box.append(
    h(
      "table",
      { className: "changes", id: "dry-run-changes" },
      h("caption", {}, t("import.changes", { shown: SHOWN_PROBLEMS })),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("import.columns.row")),
          h("th", { scope: "col" }, t("import.columns.device")),
          ...["field", "before", "after"].map((c) => h("th", { scope: "col" }, t(`import.changeColumns.${c}`))),
        ),
      ),
      h(
        "tbody",
        {},
        rows.flatMap((row) =>
          row.diff.map((change, i) =>
            h(
              "tr",
              {},
              i === 0 ? h("th", { scope: "row", rowspan: row.diff.length }, String(row.row)) : null,
              i === 0 ? h("td", { rowspan: row.diff.length }, `${row.accountId} / ${row.deviceId}`) : null,
              h("td", {}, t(`fields.${change.field}`)),
              h("td", { className: "before" }, value(change.before)),
              h("td", { className: "after" }, value(change.after)),
            ),
          ),
        ),
      ),
    ),
  );
}
