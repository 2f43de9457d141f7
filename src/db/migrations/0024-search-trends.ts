// Search and discovery: full-text search of statuses, dismissed follow suggestions, trends.
//
// Full text: the searchable text of a post is its content warning and its text — the source
// for local posts, the HTML with tags removed for remote ones — and boosts and deleted posts
// are not searchable. SQLite keeps it in an FTS5 table (rowid = statuses.id) that triggers
// keep in step with inserts, edits and deletes, whoever writes them; PostgreSQL has a GIN
// expression index over to_tsvector('simple', …), so there is nothing to keep in step.
// repos/search.ts repeats the PostgreSQL expression: the planner uses the index only for an
// identical one.
import { type Kysely, sql } from "kysely";
import { isPostgres, timestamp } from "./column-types.ts";

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  if (isPostgres(db)) {
    await sql`CREATE INDEX statuses_search ON statuses USING gin (to_tsvector('simple', spoiler_text || ' ' || CASE WHEN local THEN text ELSE regexp_replace(content, '<[^>]*>', ' ', 'g') END)) WHERE deleted_at IS NULL AND reblog_of_id IS NULL`.execute(
      db,
    );
  } else {
    // Contentless: the words are indexed, the text is not stored twice.
    await sql`CREATE VIRTUAL TABLE statuses_search USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    // SQLite has no regular expressions: a remote post's paragraph and line-break markup is
    // replaced; attribute-laden tags (links) stay, which only adds a few words to the index.
    const body = (row: string) =>
      `${row}.spoiler_text || ' ' || CASE WHEN ${row}.local THEN ${row}.text ELSE replace(replace(replace(replace(${row}.content, '<p>', ' '), '</p>', ' '), '<br>', ' '), '<br />', ' ') END`;
    const eligible = (row: string) => `${row}.deleted_at IS NULL AND ${row}.reblog_of_id IS NULL`;
    await sql
      .raw(
        `CREATE TRIGGER statuses_search_insert AFTER INSERT ON statuses WHEN ${eligible("new")}
         BEGIN INSERT INTO statuses_search (rowid, body) VALUES (new.id, ${body("new")}); END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER statuses_search_update AFTER UPDATE OF text, content, spoiler_text, deleted_at, reblog_of_id ON statuses
         BEGIN
           DELETE FROM statuses_search WHERE rowid = old.id;
           INSERT INTO statuses_search (rowid, body) SELECT new.id, ${body("new")} WHERE ${eligible("new")};
         END`,
      )
      .execute(db);
    await sql
      .raw(
        `CREATE TRIGGER statuses_search_delete AFTER DELETE ON statuses
         BEGIN DELETE FROM statuses_search WHERE rowid = old.id; END`,
      )
      .execute(db);
    await sql
      .raw(
        `INSERT INTO statuses_search (rowid, body) SELECT id, ${body("statuses")} FROM statuses WHERE ${eligible("statuses")}`,
      )
      .execute(db);
  }
  // Search with resolve=true finds a known post or account by its URL as well as its URI.
  await db.schema.createIndex("statuses_url").on("statuses").column("url").execute();
  await db.schema.createIndex("accounts_url").on("accounts").column("url").execute();

  // Accounts a user asked not to be suggested again (DELETE /api/v1/suggestions/:id).
  await db.schema
    .createTable("suggestion_dismissals")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("target_account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("suggestion_dismissals_pair")
    .on("suggestion_dismissals")
    .columns(["account_id", "target_account_id"])
    .unique()
    .execute();

  // Trending tags, statuses and links: one row per (kind, target), scored by the recurring
  // trends.refresh job. `review` survives the recomputation: a moderator's approval or
  // rejection stays with the target while it trends again and again.
  await db.schema
    .createTable("trends")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull()) // tag | status | link
    .addColumn("target_id", "text", (c) => c.notNull()) // tags.id, statuses.id, or a URL
    .addColumn("score", "double precision", (c) => c.notNull().defaultTo(0))
    // The highest raw score seen and when: the shown score decays from it (Mastodon's).
    .addColumn("max_score", "double precision", (c) => c.notNull().defaultTo(0))
    .addColumn("max_score_at", ts)
    .addColumn("review", "text", (c) => c.notNull().defaultTo("pending"))
    .addColumn("reviewed_at", ts)
    .addColumn("created_at", ts, (c) => c.notNull())
    .addColumn("updated_at", ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("trends_kind_target")
    .on("trends")
    .columns(["kind", "target_id"])
    .unique()
    .execute();
  await db.schema
    .createIndex("trends_kind_score")
    .on("trends")
    .columns(["kind", "score"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("trends").execute();
  await db.schema.dropTable("suggestion_dismissals").execute();
  await db.schema.dropIndex("statuses_url").execute();
  await db.schema.dropIndex("accounts_url").execute();
  if (isPostgres(db)) {
    await db.schema.dropIndex("statuses_search").execute();
  } else {
    for (const trigger of ["insert", "update", "delete"]) {
      await sql.raw(`DROP TRIGGER statuses_search_${trigger}`).execute(db);
    }
    await sql`DROP TABLE statuses_search`.execute(db);
  }
}
