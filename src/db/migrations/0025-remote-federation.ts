// Remote actors as the inbox and remote lookups store them: the collections and endpoints an
// actor publishes, its pictures as remote URLs (linked, not downloaded), when it was last
// fetched and WebFinger-checked; a remote reply's parent id; remote emoji images by URL.
import type { Kysely } from "kysely";
import { timestamp } from "./column-types.ts";

const ACCOUNT_COLUMNS = [
  "outbox_url",
  "followers_url",
  "following_url",
  "featured_url",
  "avatar_remote_url",
  "header_remote_url",
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = timestamp(db);
  for (const column of ACCOUNT_COLUMNS)
    await db.schema.alterTable("accounts").addColumn(column, "text").execute();
  // The last fetch of the actor document (refresh when stale) and of its acct: round-trip.
  await db.schema.alterTable("accounts").addColumn("fetched_at", ts).execute();
  await db.schema.alterTable("accounts").addColumn("last_webfingered_at", ts).execute();
  // A remote reply whose parent we do not have (yet): the parent's id, kept to link it later.
  await db.schema.alterTable("statuses").addColumn("in_reply_to_uri", "text").execute();
  // Remote custom emoji are linked where their server keeps the image (no download): the
  // storage keys stay empty for them.
  await db.schema.alterTable("custom_emojis").addColumn("image_remote_url", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("custom_emojis").dropColumn("image_remote_url").execute();
  await db.schema.alterTable("statuses").dropColumn("in_reply_to_uri").execute();
  for (const column of ["last_webfingered_at", "fetched_at", ...ACCOUNT_COLUMNS].reverse())
    await db.schema.alterTable("accounts").dropColumn(column).execute();
}
