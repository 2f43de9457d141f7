// Conversations (threads): every post belongs to the one its thread started, so a thread can
// be muted as a whole (later: notifications skip muted threads; remote threads carry a `uri`).
// Boosts need no table: a boost is a status row with reblog_of_id (0009) and no conversation;
// a partial unique index keeps one live boost per account and post.
// Existing rows are backfilled: each root starts a conversation whose id is the root's own id
// (unique and time-sortable, as new ids are), and replies join their root's.
import { type Kysely, sql } from "kysely";
import { timestamp } from "./column-types.ts";

interface Row {
  id: string | number;
  in_reply_to_id: string | number | null;
  reblog_of_id: string | number | null;
  created_at: string | Date;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  await db.schema
    .createTable("conversations")
    .addColumn("id", "bigint", (c) => c.primaryKey())
    .addColumn("uri", "text", (c) => c.unique())
    .addColumn("created_at", ts, (c) => c.notNull())
    .execute();
  // No foreign key, like in_reply_to_id: a thread outlives nothing it should not.
  await db.schema.alterTable("statuses").addColumn("conversation_id", "bigint").execute();
  await db.schema
    .createIndex("statuses_conversation_id")
    .on("statuses")
    .column("conversation_id")
    .execute();
  // One live boost per account and post: boosting again returns it, and two racing requests
  // cannot both insert one.
  await sql`CREATE UNIQUE INDEX statuses_one_boost ON statuses (account_id, reblog_of_id)
    WHERE reblog_of_id IS NOT NULL AND deleted_at IS NULL`.execute(db);
  await db.schema
    .createTable("conversation_mutes")
    .addColumn("account_id", "bigint", (c) =>
      c.notNull().references("accounts.id").onDelete("cascade"),
    )
    .addColumn("conversation_id", "bigint", (c) =>
      c.notNull().references("conversations.id").onDelete("cascade"),
    )
    .addColumn("created_at", ts, (c) => c.notNull())
    .addPrimaryKeyConstraint("conversation_mutes_pkey", ["account_id", "conversation_id"])
    .execute();
  await backfill(db);
}

/** Gives every existing post a conversation; a simple walk, threads are few at this point. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<Row>`
    select id, in_reply_to_id, reblog_of_id, created_at from statuses order by id`.execute(db);
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  const rootOf = new Map<string, string>();
  const findRoot = (id: string): string => {
    const seen = new Set<string>();
    let current = id;
    for (;;) {
      const known = rootOf.get(current);
      if (known !== undefined) return known;
      const parent = byId.get(current)?.in_reply_to_id;
      // A missing parent (not fetched, or a cycle) makes the reply the root of what we have.
      if (parent === null || parent === undefined || seen.has(current)) return current;
      if (!byId.has(String(parent))) return current;
      seen.add(current);
      current = String(parent);
    }
  };
  const members = new Map<string, string[]>();
  for (const row of rows) {
    if (row.reblog_of_id !== null) continue;
    const id = String(row.id);
    const root = findRoot(id);
    rootOf.set(id, root);
    members.set(root, [...(members.get(root) ?? []), id]);
  }
  for (const [root, ids] of members) {
    const createdAt = byId.get(root)?.created_at ?? new Date(0).toISOString();
    await sql`insert into conversations (id, created_at) values (cast(${root} as bigint), ${createdAt})`.execute(
      db,
    );
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500).map((x) => sql`cast(${x} as bigint)`);
      await sql`update statuses set conversation_id = cast(${root} as bigint)
        where id in (${sql.join(chunk)})`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("conversation_mutes").execute();
  await db.schema.dropIndex("statuses_one_boost").execute();
  await db.schema.dropIndex("statuses_conversation_id").execute();
  await db.schema.alterTable("statuses").dropColumn("conversation_id").execute();
  await db.schema.dropTable("conversations").execute();
}
