// RFC 4180 CSV, as Mastodon's exports write it and its imports read it: comma-separated,
// fields with commas, quotes or line breaks in double quotes (quotes doubled), CRLF or LF.

/** One line of CSV (no line break). */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(",");
}

export class CsvError extends Error {
  override name = "CsvError";
}

/**
 * The rows of a CSV document; blank lines are skipped. Throws CsvError on an unterminated
 * quote or a quote in the middle of an unquoted field.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let wasQuoted = false;
  let line = 1;
  const endField = () => {
    row.push(field);
    field = "";
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === "")) rows.push(row);
    row = [];
    line++;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
      continue;
    }
    if (ch === '"') {
      if (field !== "" || wasQuoted) throw new CsvError(`line ${line}: stray quote`);
      quoted = true;
      wasQuoted = true;
    } else if (ch === ",") endField();
    else if (ch === "\n") endRow();
    else if (ch === "\r") {
      if (text[i + 1] !== "\n") endRow();
    } else {
      if (wasQuoted) throw new CsvError(`line ${line}: text after a closing quote`);
      field += ch;
    }
  }
  if (quoted) throw new CsvError(`line ${line}: unterminated quote`);
  if (field !== "" || row.length > 0) endRow();
  return rows;
}
