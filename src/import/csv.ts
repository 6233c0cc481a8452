import { pipeline, Readable } from "node:stream";
import { CsvError, parse, type Options } from "csv-parse";

/**
 * What spreadsheets write, read the way they read it: RFC 4180 quoting (doubled quotes, line
 * breaks inside quotes), a UTF-8 byte-order mark, CRLF, LF or CR line ends — mixed, too, since
 * people paste files together — and blank lines skipped. A row with more or fewer fields than
 * the header is reported by the import for that row (columns.ts), so the parser must not refuse
 * the whole file for it. A quote inside an unquoted field (`12"B`) stays text, as Excel and
 * LibreOffice keep it.
 */
const PARSE_OPTIONS = {
  bom: true,
  record_delimiter: ["\r\n", "\n", "\r"],
  skip_empty_lines: true,
  relax_column_count: true,
  relax_quotes: true,
} satisfies Options;

/** How much text is waited for to see the whole header line before deciding on the delimiter. */
const HEADER_LINE_LIMIT = 65_536;

/** The file's structure cannot be read, so no row of it can be trusted (a quote is never closed). */
export class CsvSyntaxError extends Error {
  /**
   * @param row - the record (header = 1, blank lines not counted) where the problem starts
   */
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * The records of a CSV file that arrives in parts (an upload is stored part by part, and a
 * record may straddle two). The delimiter is `,` or `;` — European spreadsheet exports use `;`
 * — and the header line decides which, so a `;` inside an address in a comma file is text.
 *
 * @throws CsvSyntaxError when a quoted field is still open at the end of the file: where its
 * text was meant to end cannot be known, and guessing could put one row's address on another.
 */
export async function* csvRecords(parts: AsyncIterable<string>): AsyncGenerator<string[], void, undefined> {
  const source = parts[Symbol.asyncIterator]();
  let head = "";
  let ended = false;
  while (!/[\r\n]/.test(head) && head.length < HEADER_LINE_LIMIT) {
    const next = await source.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    head += next.value;
  }
  async function* text(): AsyncGenerator<string> {
    if (head) yield head;
    if (ended) return;
    for (let next = await source.next(); next.done !== true; next = await source.next())
      if (next.value) yield next.value;
  }
  const parser = parse({ ...PARSE_OPTIONS, delimiter: sniffDelimiter(head) });
  // A failing part read destroys the parser with that error, which the loop below rethrows.
  pipeline(Readable.from(text()), parser, () => undefined);
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record;
  } catch (error) {
    if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") {
      const row = Number(error.records) + 1;
      throw new CsvSyntaxError(row, `has a quote that is never closed: the field opened in row ${row} runs to the end`);
    }
    throw error;
  }
}

/** `;` when the header line has more semicolons than commas, else `,`. */
function sniffDelimiter(text: string): string {
  const lineEnd = text.search(/[\r\n]/);
  const firstLine = lineEnd < 0 ? text : text.slice(0, lineEnd);
  const commas = firstLine.split(",").length;
  const semicolons = firstLine.split(";").length;
  return semicolons > commas ? ";" : ",";
}

/**
 * Quotes a value for a CSV cell when it needs it, and defuses spreadsheet formulas: a text cell
 * starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'` (OWASP "CSV injection"), so
 * a device id or message taken from an uploaded file cannot run as a formula in the report.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
