// The CSV reader and writer used by the relationship exports and imports.
import assert from "node:assert/strict";
import { test } from "node:test";
import { CsvError, csvLine, parseCsv } from "../../src/lib/csv.ts";

test("round trip of quoted fields, CRLF and blank lines", () => {
  const line = csvLine(["a@b.c", 'say "hi"', "en, de", ""]);
  assert.equal(line, 'a@b.c,"say ""hi""","en, de",');
  assert.deepEqual(parseCsv(`${line}\r\n\r\nx\n`), [["a@b.c", 'say "hi"', "en, de", ""], ["x"]]);
  assert.deepEqual(parseCsv('"multi\nline",1'), [["multi\nline", "1"]]);
});

test("malformed quoting is an error with its line", () => {
  assert.throws(
    () => parseCsv('ok\na,"open'),
    (e) => e instanceof CsvError && /line 2/.test(e.message),
  );
  assert.throws(() => parseCsv('a"b'), CsvError);
  assert.throws(() => parseCsv('"a"b'), CsvError);
});
