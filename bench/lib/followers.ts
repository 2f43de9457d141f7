// Seeding for the feed scenarios: local accounts with users (active now) and a follow of one
// author each, written in bulk straight into the tables (setup, not measured).
import type { AppContext } from "../../src/context.ts";

let seeded = 0;

/** A new author with `count` local followers (reusing readers made by earlier calls). */
export async function seedFollowers(ctx: AppContext, count: number): Promise<string> {
  const now = ctx.clock.now().toISOString();
  const db = ctx.db;
  const readers: string[] = (
    await db
      .selectFrom("accounts")
      .select("id")
      .where("username", "like", "reader%")
      .orderBy("id")
      .limit(count)
      .execute()
  ).map((r) => String(r.id));
  await db.transaction().execute(async (trx) => {
    while (readers.length < count) {
      const batch = [];
      for (let i = 0; i < 500 && readers.length + batch.length < count; i++) {
        const n = seeded++;
        batch.push({ id: ctx.newId(), name: `reader${n}` });
      }
      await trx
        .insertInto("accounts")
        .values(
          batch.map((b) => ({
            id: b.id,
            username: b.name,
            domain: null,
            uri: `${ctx.config.baseUrl}/users/${b.name}`,
            url: `${ctx.config.baseUrl}/@${b.name}`,
            inbox_url: null,
            shared_inbox_url: null,
            discoverable: null,
            last_status_at: null,
            suspended_at: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto("users")
        .values(
          batch.map((b) => ({
            id: ctx.newId(),
            account_id: b.id,
            email: `${b.name}@bench.test`,
            password_hash: null,
            role: null,
            locale: "en",
            confirmed_at: now,
            last_active_at: now,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
      readers.push(...batch.map((b) => b.id));
    }
  });
  const authorId = ctx.newId();
  const name = `author${authorId}`;
  await db
    .insertInto("accounts")
    .values({
      id: authorId,
      username: name,
      domain: null,
      uri: `${ctx.config.baseUrl}/users/${name}`,
      url: `${ctx.config.baseUrl}/@${name}`,
      inbox_url: null,
      shared_inbox_url: null,
      discoverable: null,
      last_status_at: null,
      suspended_at: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < readers.length; i += 500) {
      await trx
        .insertInto("follows")
        .values(
          readers.slice(i, i + 500).map((reader) => ({
            id: ctx.newId(),
            account_id: reader,
            target_account_id: authorId,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
  });
  return authorId;
}
