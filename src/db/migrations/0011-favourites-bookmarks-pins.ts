// Favourites, bookmarks and pinned statuses: one row per (account, status) pair in each.
// Favourite and bookmark ids are time-sortable: they are the cursors of /api/v1/favourites
// and /api/v1/bookmarks (newest first by when the action happened, as Mastodon).
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  for (const table of ["favourites", "bookmarks"] as const) {
    let create = db.schema
      .createTable(table)
      .addColumn("id", "bigint", (c) => c.primaryKey())
      .addColumn("account_id", "bigint", (c) =>
        c.notNull().references("accounts.id").onDelete("cascade"),
      )
      .addColumn("status_id", "bigint", (c) =>
        c.notNull().references("statuses.id").onDelete("cascade"),
      );
    // A remote Like's activity id (favourites only).
    if (table === "favourites") create = create.addColumn("uri", "text");
    await create.addColumn("created_at", ts, (c) => c.notNull()).execute();
    await db.schema
      .createIndex(`${table}_account_status`)
      .on(table)
      .columns(["account_id", "status_id"])
      .unique()
      .execute();
    await db.schema
      .createIndex(`${table}_account_id`)
      .on(table)
      .columns(["account_id", "id"])
      .execute();
    await db.schema.createIndex(`${table}_status_id`).on(table).column("status_id").execute();
  }

  await db.schema
    .createTable("status_pins")
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("status_pins_pkey", ["account_id", "status_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("status_pins").execute();
  await db.schema.dropTable("bookmarks").execute();
  await db.schema.dropTable("favourites").execute();
}
