import { setImmediate as nextTurn } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { csvCell, csvRecords, CsvSyntaxError } from "../../src/import/csv.js";

/** The records of a file uploaded in these parts (each read as the import reads one from Redis). */
async function read(...parts: string[]): Promise<string[][]> {
  async function* upload(): AsyncGenerator<string> {
    for (const part of parts) {
      await nextTurn();
      yield part;
    }
  }
  const records: string[][] = [];
  for await (const record of csvRecords(upload())) records.push(record);
  return records;
}

describe("csvRecords", () => {
  it("reads quotes, doubled quotes, line breaks in fields, CRLF, a BOM, semicolons, and records split across parts", async () => {
    expect(await read('\uFEFFa;b;c\r\n1;"x;""y""', '\nz";3\r', "\n\r\n4;5;6")).toEqual([
      ["a", "b", "c"],
      ["1", 'x;"y"\nz', "3"],
      ["4", "5", "6"],
    ]);
  });

  it("lets the header line choose the delimiter, so the other one is text", async () => {
    expect(await read("a,b\nStraße; Hof,2\n")).toEqual([
      ["a", "b"],
      ["Straße; Hof", "2"],
    ]);
    expect(await read("a;b\n1,5;2\n")).toEqual([
      ["a", "b"],
      ["1,5", "2"],
    ]);
  });

  it("waits for the whole header line when it straddles parts", async () => {
    expect(await read("a;", "b;c", "\n1;2;3")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("takes mixed line ends, skips blank lines, and keeps rows with too few or too many fields", async () => {
    expect(await read("a,b\n\n1,2\r\n3\r4,5,6\n\n")).toEqual([["a", "b"], ["1", "2"], ["3"], ["4", "5", "6"]]);
  });

  it("keeps a quote inside an unquoted field as text, as spreadsheets do", async () => {
    expect(await read('a,b\nunit 12"B,x\n')).toEqual([
      ["a", "b"],
      ['unit 12"B', "x"],
    ]);
  });

  it("refuses a quote that is never closed, naming the row where it opens", async () => {
    const reading = read("a,b\n1,2\n", '3,"4\n5,6\n');
    await expect(reading).rejects.toBeInstanceOf(CsvSyntaxError);
    await expect(reading).rejects.toMatchObject({ row: 3 });
  });

  it("reads an empty file as no records", async () => {
    expect(await read()).toEqual([]);
    expect(await read("", "")).toEqual([]);
  });
});

describe("csvCell", () => {
  it("quotes what needs quoting and defuses formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then; go')).toBe('"say ""hi"", then; go"');
    expect(csvCell("=1+2")).toBe("'=1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-3")).toBe("'-3");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });
});
