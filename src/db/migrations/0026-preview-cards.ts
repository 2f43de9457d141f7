// Link preview cards (Mastodon's PreviewCard): one row per URL, fetched by the
// status.fetch-card job, and the link from a status to its card. The image is linked by its
// remote URL (not downloaded); `html` is kept only as a sanitized https <iframe>.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("preview_cards")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("url", "text", (c) => c.notNull().unique())
    .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("type", "text", (c) => c.notNull().defaultTo("link")) // link | photo | video | rich
    .addColumn("author_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("author_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("provider_name", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("provider_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("html", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("width", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("height", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("image_url", "text")
    .addColumn("embed_url", "text", (c) => c.notNull().defaultTo(""))
    .addColumn("blurhash", "text")
    .addColumn("language", "text")
    .addColumn("published_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();

  // One card per status (Mastodon shows the first link's); a card serves many statuses.
  await db.schema
    .createTable("status_cards")
    .addColumn("status_id", "bigint", (c) =>
      c.primaryKey().references("statuses.id").onDelete("cascade"),
    )
    .addColumn("card_id", "bigint", (c) =>
      c.notNull().references("preview_cards.id").onDelete("cascade"),
    )
    .execute();
  await db.schema
    .createIndex("status_cards_card")
    .on("status_cards")
    .columns(["card_id", "status_id"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("status_cards").execute();
  await db.schema.dropTable("preview_cards").execute();
}
