/**
 * An RFC 4180 CSV reader that takes its input in pieces (an upload arrives in parts, and a
 * record may straddle two of them). Accepts what spreadsheets write: a UTF-8 byte-order mark,
 * CRLF or LF line ends, quoted fields with doubled quotes and line breaks inside, a comma or a
 * semicolon as the delimiter (European spreadsheet exports use ";"; the header line decides).
 */
export class CsvReader {
  private field = "";
  private record: string[] = [];
  private quoted = false;
  /** After a closing quote: only a delimiter, line end or another quote may follow. */
  private afterQuote = false;
  private pendingCr = false;
  private started = false;
  private delimiter: string | null = null;
  private buffered = "";
  private fieldHadQuote = false;

  /**
   * Feeds the next piece of text and returns the records it completed. Blank lines are
   * skipped; a malformed quote makes the reader keep the characters as text rather than fail.
   */
  push(text: string): string[][] {
    let input = text;
    if (!this.started) {
      input = this.buffered + input;
      if (input.charCodeAt(0) === 0xfeff) input = input.slice(1);
      // The delimiter is read off the first line, so wait until it is complete (or long).
      const lineEnd = input.search(/[\r\n]/);
      if (lineEnd < 0 && input.length < 65_536) {
        this.buffered = input;
        return [];
      }
      this.buffered = "";
      this.started = true;
      this.delimiter = sniffDelimiter(lineEnd < 0 ? input : input.slice(0, lineEnd));
    }
    const out: string[][] = [];
    const delimiter = this.delimiter ?? ",";
    for (let i = 0; i < input.length; i++) {
      const ch = input[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === "\n") continue;
      }
      if (this.quoted) {
        if (ch === '"') {
          this.quoted = false;
          this.afterQuote = true;
        } else this.field += ch;
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        if (ch === '"') {
          // A doubled quote inside a quoted field.
          this.field += '"';
          this.quoted = true;
          continue;
        }
      }
      if (ch === '"' && this.field === "" && !this.fieldHadQuote) {
        this.quoted = true;
        this.fieldHadQuote = true;
      } else if (ch === delimiter) {
        this.endField();
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r") this.pendingCr = true;
        const record = this.endRecord();
        if (record) out.push(record);
      } else {
        this.field += ch;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record when the text did not end with a line break. */
  end(): string[][] {
    const out = this.buffered ? this.push("\n") : [];
    this.quoted = false;
    this.afterQuote = false;
    const record = this.endRecord();
    if (record) out.push(record);
    return out;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
    this.fieldHadQuote = false;
  }

  private endRecord(): string[] | null {
    this.endField();
    const record = this.record;
    this.record = [];
    // A blank line is no record.
    if (record.length === 1 && record[0] === "") return null;
    return record;
  }
}

function sniffDelimiter(firstLine: string): string {
  const commas = firstLine.split(",").length;
  const semicolons = firstLine.split(";").length;
  return semicolons > commas ? ";" : ",";
}

/** Quotes a value for a CSV cell when it needs it; also defuses spreadsheet formulas (=, +, -, @). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
