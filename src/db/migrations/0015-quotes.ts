// Quote posts (Mastodon 4.5): one row per quoting post, naming what it quotes and how far the
// quoted author's approval has got; the quoted post's policy and its count of accepted quotes.
import { type Kysely, sql } from "kysely";
import { timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("quotes")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    // The quoting post: at most one quote each; the row goes with it.
    .addColumn("status_id", "bigint", (c) =>
      c.notNull().unique().references("statuses.id").onDelete("cascade"),
    )
    // No foreign keys on the quoted side: a remote quote may name a post not fetched yet, and
    // the quote outlives the quoted post (state `deleted`).
    .addColumn("quoted_status_id", "bigint")
    .addColumn("quoted_account_id", "bigint")
    // pending | accepted | rejected | revoked | deleted | unauthorized (domain/quote-policy.ts)
    .addColumn("state", "text", (c) => c.notNull())
    // Federation (later): the QuoteRequest activity and the QuoteAuthorization stamp.
    .addColumn("activity_uri", "text")
    .addColumn("approval_uri", "text")
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  // GET /api/v1/statuses/:id/quotes pages on the quote id, newest first.
  await sql`CREATE INDEX quotes_quoted_status ON quotes (quoted_status_id, id DESC)`.execute(db);
  await db.schema
    .createIndex("quotes_quoted_account")
    .on("quotes")
    .column("quoted_account_id")
    .execute();
  // Mastodon's integer policy (high 16 bits automatic, low 16 manual). Existing posts keep 0,
  // "nobody", as Mastodon's own migration left posts written before quotes existed.
  await db.schema
    .alterTable("statuses")
    .addColumn("quote_approval_policy", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("statuses")
    .addColumn("quotes_count", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  // The quote a post makes (quotes.id), so hydrating a page without quotes reads no quotes.
  await db.schema.alterTable("statuses").addColumn("quote_id", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("statuses").dropColumn("quote_id").execute();
  await db.schema.alterTable("statuses").dropColumn("quotes_count").execute();
  await db.schema.alterTable("statuses").dropColumn("quote_approval_policy").execute();
  await db.schema.dropTable("quotes").execute();
}
