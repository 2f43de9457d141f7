// Import of follows, blocks or mutes from a CSV file in Mastodon's export formats (see
// export-csv.ts; a header row is optional). The whole file is checked before anything is
// written, so a malformed file changes nothing. Each row then goes through the same service as
// the API (follow, block, mute), so the rules hold: a locked account gets a request, a block
// prevents a follow. `overwrite` also removes what the file does not list; `merge` only adds.
//
// Addresses on our domain are local accounts; others must already be known here. Unknown
// remote accounts are reported as skipped: looking them up over WebFinger comes with federation.
import type { AppContext } from "../../context.ts";
import { CsvError, parseCsv } from "../../lib/csv.ts";
import { findAccountByAddress } from "../../repos/profiles.ts";
import { findAllTargetIds } from "../../repos/relationship-reads.ts";
import { block } from "./block.ts";
import type { FederationEffect } from "./common.ts";
import { follow } from "./follow.ts";
import { mute } from "./mute.ts";
import { unblock } from "./unblock.ts";
import { unfollow } from "./unfollow.ts";
import { unmute } from "./unmute.ts";

export type ImportKind = "follows" | "blocks" | "mutes";
export type ImportMode = "merge" | "overwrite";

/** Mastodon's largest import (its following limit is in the same range). */
export const MAX_IMPORT_ROWS = 7500;

interface Entry {
  line: number;
  address: string;
  flags: { reblogs?: boolean; notify?: boolean; languages?: string[] | null; hide?: boolean };
}

export type ImportResult =
  | { type: "invalid"; message: string }
  | {
      type: "done";
      imported: number;
      removed: number;
      skipped: string[];
      /** The Follow, Block and Undo activities the changes toward remote accounts imply. */
      federate: FederationEffect[];
    };

const TRUE_FALSE = new Map([
  ["true", true],
  ["false", false],
  ["", undefined],
]);

function parseBool(value: string | undefined, line: number, column: string): boolean | undefined {
  const key = (value ?? "").trim().toLowerCase();
  if (!TRUE_FALSE.has(key)) throw new CsvError(`line ${line}: ${column} must be true or false`);
  return TRUE_FALSE.get(key);
}

const ADDRESS = /^@?([A-Za-z0-9_.-]+)(?:@([A-Za-z0-9.-]+(?::\d+)?))?$/;

export function parseImport(kind: ImportKind, text: string): Entry[] {
  const rows = parseCsv(text.replace(/^\uFEFF/, ""));
  const first = rows[0]?.[0]?.trim().toLowerCase();
  const body = first === "account address" ? rows.slice(1) : rows;
  if (body.length > MAX_IMPORT_ROWS)
    throw new CsvError(`the file has more than ${MAX_IMPORT_ROWS} rows`);
  const width = kind === "follows" ? 4 : kind === "mutes" ? 2 : 1;
  const offset = rows.length - body.length;
  return body.map((row, i) => {
    const line = i + 1 + offset;
    if (row.length > width) throw new CsvError(`line ${line}: expected at most ${width} columns`);
    const address = (row[0] ?? "").trim();
    if (!ADDRESS.test(address)) throw new CsvError(`line ${line}: "${address}" is not an address`);
    if (kind === "follows") {
      const languages = (row[3] ?? "")
        .split(",")
        .map((l) => l.trim())
        .filter((l) => l !== "");
      return {
        line,
        address,
        flags: {
          reblogs: parseBool(row[1], line, "Show boosts"),
          notify: parseBool(row[2], line, "Notify on new posts"),
          languages: languages.length === 0 ? null : languages,
        },
      };
    }
    if (kind === "mutes")
      return { line, address, flags: { hide: parseBool(row[1], line, "Hide notifications") } };
    return { line, address, flags: {} };
  });
}

async function resolve(ctx: AppContext, address: string): Promise<string | undefined> {
  const [, username = "", domain] = ADDRESS.exec(address) ?? [];
  const local = domain === undefined || domain.toLowerCase() === ctx.config.domain.toLowerCase();
  const found = await findAccountByAddress(ctx.db, username, local ? null : domain);
  return found?.id;
}

export async function importCsv(
  ctx: AppContext,
  accountId: string,
  kind: ImportKind,
  mode: ImportMode,
  text: string,
): Promise<ImportResult> {
  let entries: Entry[];
  try {
    entries = parseImport(kind, text);
  } catch (error) {
    if (error instanceof CsvError) return { type: "invalid", message: error.message };
    throw error;
  }
  const skipped: string[] = [];
  const wanted = new Map<string, Entry>();
  for (const entry of entries) {
    const id = await resolve(ctx, entry.address);
    if (id === undefined || id === accountId) skipped.push(entry.address);
    else wanted.set(id, entry);
  }

  let removed = 0;
  const federate: FederationEffect[] = [];
  if (mode === "overwrite") {
    const tables = kind === "follows" ? (["follows", "follow_requests"] as const) : [kind];
    const undo = kind === "follows" ? unfollow : kind === "blocks" ? unblock : unmute;
    const current = new Set<string>();
    for (const table of tables)
      for (const id of await findAllTargetIds(ctx.db, table, accountId)) current.add(id);
    for (const id of current) {
      if (wanted.has(id)) continue;
      const undone = await undo(ctx, accountId, id);
      if (undone.type === "ok" && undone.federate !== null) federate.push(undone.federate);
      removed++;
    }
  }

  let imported = 0;
  for (const [id, entry] of wanted) {
    const result =
      kind === "follows"
        ? await follow(ctx, accountId, id, {
            reblogs: entry.flags.reblogs,
            notify: entry.flags.notify,
            languages: entry.flags.languages,
          })
        : kind === "blocks"
          ? await block(ctx, accountId, id)
          : await mute(ctx, accountId, id, { notifications: entry.flags.hide });
    if (result.type === "ok") {
      imported++;
      if (result.federate !== null) federate.push(result.federate);
    } else skipped.push(entry.address);
  }
  return { type: "done", imported, removed, skipped, federate };
}
