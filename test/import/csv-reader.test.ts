import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { CsvParser, type CsvRecord, readCsvFile } from "../../src/usecases/import/csv-reader.js";

const dir = mkdtempSync(join(tmpdir(), "tf-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Parses `text` in pieces cut at `cuts`, as a stream would deliver it. */
function parseInPieces(text: string, cuts: number[] = []): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    out.push(...parser.push(text.slice(from, cut)));
    from = cut;
  }
  out.push(...parser.finish());
  return out;
}

const simple = (records: CsvRecord[]) =>
  records.map((r) => ({ line: r.line, fields: r.fields, ...(r.error ? { error: r.error } : {}) }));

describe("CsvParser", () => {
  it("splits plain lines, skips blank ones and counts them for line numbers", () => {
    expect(simple(parseInPieces("a,b,c\n1,2,3\n\n4,5,6\n"))).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
      { line: 4, fields: ["4", "5", "6"] },
    ]);
  });

  it("reads quoted fields with commas, escaped quotes and line breaks, and gives each record its first line", () => {
    const text = 'a,b,c\r\n1,"x, y",3\r\n2,"say ""hi""",4\r\n3,"two\r\nlines\r\nhere",5\r\n\r\n6,7,8';
    expect(simple(parseInPieces(text))).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "x, y", "3"] },
      { line: 3, fields: ["2", 'say "hi"', "4"] },
      { line: 4, fields: ["3", "two\r\nlines\r\nhere", "5"] },
      { line: 8, fields: ["6", "7", "8"] },
    ]);
  });

  it("keeps a quote inside an unquoted field as text", () => {
    expect(simple(parseInPieces('a,b\n12" barrel,x\n'))).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ['12" barrel', "x"] },
    ]);
  });

  it("rejects a record with text after a closing quote, and reads on", () => {
    const records = simple(parseInPieces('a,b\n"x"y,1\n2,3\n'));
    expect(records[1]).toMatchObject({ line: 2, error: "has text after the closing quote of field 1" });
    expect(records[2]).toEqual({ line: 3, fields: ["2", "3"] });
  });

  it("makes a quote that never closes an error on its own line only, and reads the lines after it", () => {
    const records = simple(parseInPieces('a,b\n1,"oops\n2,3\n4,"5\n6,7\n'));
    expect(records).toEqual([
      { line: 1, fields: ["a", "b"] },
      {
        line: 2,
        fields: ["1", '"oops'],
        error:
          'has a quote (") that opens a field and is not closed on its line, so it would swallow the lines after it',
      },
      { line: 3, fields: ["2", "3"] },
      {
        line: 4,
        fields: ["4", '"5'],
        error: 'has a quote (") that opens a field and is never closed',
      },
      { line: 5, fields: ["6", "7"] },
    ]);
  });

  it("accepts CR-only line ends", () => {
    expect(simple(parseInPieces("a,b\r1,2\r3,4"))).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
      { line: 3, fields: ["3", "4"] },
    ]);
  });

  it("gives the same records however the input is cut into chunks", () => {
    const text = 'h1,h2,h3\r\n"a\r\nb",2,3\r\n4,"x""y",6\r\n\r\n7,8,"9\r\n"\r\n10,11,12';
    const whole = parseInPieces(text);
    for (let a = 0; a <= text.length; a++) {
      for (let b = a; b <= text.length; b += 3) expect(parseInPieces(text, [a, b])).toEqual(whole);
    }
  });

  it("extracts only the projected columns from plain lines, and still counts every field", () => {
    const parser = new CsvParser();
    const [header] = parser.push("a,b,c,d\n");
    expect(header?.fields).toEqual(["a", "b", "c", "d"]);
    parser.project([1, 3]);
    const records = [...parser.push("1,2,3,4\n,,,\n5,6,7,8,9\n"), ...parser.finish()];
    expect(records.map((r) => [r.fields[0], r.fields[1], r.fields[2], r.fields[3], r.fields[4]])).toEqual([
      [undefined, "2", undefined, "4", undefined],
      [undefined, "", undefined, "", undefined],
      [undefined, "6", undefined, "8", "9"],
    ]);
    expect(records.map((r) => [r.count, r.blank])).toEqual([
      [4, false],
      [4, true],
      [5, false],
    ]);
  });

  it("agrees with csv-parse on random files, and numbers each record by its first line in the file", () => {
    // A deterministic generator: fields with commas, quotes and line breaks, CRLF or LF files.
    let seed = 42;
    const next = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pieces = ["a", "b c", ",", '"', "\n", "\r\n", "é", " ", "1", "x,y"];
    for (let file = 0; file < 300; file++) {
      const eol = next() < 0.5 ? "\r\n" : "\n";
      const width = 1 + Math.floor(next() * 4);
      const expected: { line: number; fields: string[] }[] = [];
      let text = "";
      let line = 1;
      const rows = 1 + Math.floor(next() * 8);
      for (let r = 0; r < rows; r++) {
        if (next() < 0.15) {
          text += eol; // a blank line
          line++;
        }
        const fields: string[] = [];
        const written: string[] = [];
        for (let f = 0; f < width; f++) {
          let value = "";
          const length = Math.floor(next() * 4);
          for (let k = 0; k < length; k++) value += pieces[Math.floor(next() * pieces.length)];
          if (r === 0 && value === "" && width === 1) value = "h"; // a one-column empty row is a blank line
          fields.push(value);
          const needsQuotes = /[",\r\n]/.test(value) || next() < 0.1;
          written.push(needsQuotes ? `"${value.replaceAll('"', '""')}"` : value);
        }
        if (width === 1 && fields[0] === "") continue;
        expected.push({ line, fields });
        const record = written.join(",");
        text += record + (r < rows - 1 || next() < 0.5 ? eol : "");
        line += 1 + (record.match(/\n/g)?.length ?? 0);
      }
      const ours = parseInPieces(text, [Math.floor(next() * text.length)]);
      expect(simple(ours), JSON.stringify(text)).toEqual(expected);
      const theirs = parse(text, { relax_column_count: true, skip_empty_lines: true, record_delimiter: eol });
      expect(ours.map((r) => r.fields)).toEqual(theirs);
    }
  });
});

describe("readCsvFile", () => {
  it("drops the byte order mark, hashes the bytes and reports bytes read", async () => {
    const path = join(dir, "bom.csv");
    writeFileSync(path, "\uFEFFa,b\r\n1,2\r\n");
    const file = readCsvFile(path);
    const records: CsvRecord[] = [];
    let bytes = 0;
    for await (const chunk of file.chunks) {
      records.push(...chunk.records);
      bytes = chunk.bytesRead;
    }
    expect(simple(records)).toEqual([
      { line: 1, fields: ["a", "b"] },
      { line: 2, fields: ["1", "2"] },
    ]);
    expect(bytes).toBe(13);
    // The hash of the file as it is on disk, byte order mark included.
    expect(file.sha256()).toBe(createHash("sha256").update(readFileSync(path)).digest("hex"));
  });
});
