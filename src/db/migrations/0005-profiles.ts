// Editable profiles: avatar and header files, what the owner typed (note source), the
// profile switches Mastodon has beyond the skeleton, and per-user preferences.
//
// Preferences are one JSON `settings` column, not a column each: Mastodon has dozens of user
// settings and adds more every release, none is ever filtered on in SQL, and the code merges
// what is stored over its defaults (domain/user-settings.ts), so a new setting needs no
// migration and an old row needs no backfill.
import { type Kysely, sql } from "kysely";
import { json } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  // One ALTER per column: SQLite cannot add several at once.
  const add = (table: string) => db.schema.alterTable(table);

  // Storage keys (media/storage.ts); the static key is set only when the picture moves.
  await add("accounts").addColumn("avatar_key", "text").execute();
  await add("accounts").addColumn("avatar_static_key", "text").execute();
  await add("accounts").addColumn("avatar_content_type", "text").execute();
  await add("accounts")
    .addColumn("avatar_description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await add("accounts").addColumn("header_key", "text").execute();
  await add("accounts").addColumn("header_static_key", "text").execute();
  await add("accounts").addColumn("header_content_type", "text").execute();
  await add("accounts")
    .addColumn("header_description", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  // null: not known (remote accounts that never said).
  await add("accounts").addColumn("hide_collections", "boolean").execute();
  await add("accounts")
    .addColumn("memorial", "boolean", (c) => c.notNull().defaultTo(false))
    .execute();
  // The plain text the owner typed; `note` keeps the HTML made from it.
  await add("accounts").addColumn("note_source", "text").execute();

  await add("users")
    .addColumn("settings", json(db), (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("settings").execute();
  for (const column of [
    "note_source",
    "memorial",
    "hide_collections",
    "header_description",
    "header_content_type",
    "header_static_key",
    "header_key",
    "avatar_description",
    "avatar_content_type",
    "avatar_static_key",
    "avatar_key",
  ]) {
    await db.schema.alterTable("accounts").dropColumn(column).execute();
  }
}
