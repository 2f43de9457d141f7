// Custom emoji rows. Local ones have a null domain; a shortcode is unique per domain.
import type { Selectable } from "kysely";
import type { Db } from "../db/index.ts";
import type { CustomEmojisTable } from "../db/schema/index.ts";

export type EmojiRow = Selectable<CustomEmojisTable>;

/** Local emoji, by shortcode; `enabledOnly` for what clients may see. */
export async function findLocalEmojis(
  db: Db,
  options: { enabledOnly: boolean },
): Promise<EmojiRow[]> {
  let query = db.selectFrom("custom_emojis").selectAll().where("domain", "is", null);
  if (options.enabledOnly) query = query.where("disabled", "=", false);
  return query.orderBy("shortcode").execute();
}

export async function findLocalEmoji(db: Db, shortcode: string): Promise<EmojiRow | undefined> {
  return db
    .selectFrom("custom_emojis")
    .selectAll()
    .where("domain", "is", null)
    .where("shortcode", "=", shortcode)
    .executeTakeFirst();
}

/**
 * Enabled emoji with any of `shortcodes` from any of `domains` (null: local). One query for a
 * page of statuses or accounts; callers match rows to texts by (shortcode, domain).
 */
export async function findEnabledEmojis(
  db: Db,
  shortcodes: readonly string[],
  domains: readonly (string | null)[],
): Promise<EmojiRow[]> {
  if (shortcodes.length === 0 || domains.length === 0) return [];
  const remote = domains.filter((d): d is string => d !== null);
  return db
    .selectFrom("custom_emojis")
    .selectAll()
    .where("disabled", "=", false)
    .where("shortcode", "in", [...shortcodes])
    .where((eb) => {
      const any = [];
      if (domains.includes(null)) any.push(eb("domain", "is", null));
      if (remote.length > 0) any.push(eb("domain", "in", remote));
      return eb.or(any);
    })
    .execute();
}

export interface NewEmoji {
  id: string;
  shortcode: string;
  uri: string;
  imageKey: string;
  staticKey: string;
  category: string | null;
  at: string;
}

export async function insertLocalEmoji(db: Db, emoji: NewEmoji): Promise<void> {
  await db
    .insertInto("custom_emojis")
    .values({
      id: emoji.id,
      shortcode: emoji.shortcode,
      domain: null,
      uri: emoji.uri,
      image_key: emoji.imageKey,
      static_key: emoji.staticKey,
      category: emoji.category,
      created_at: emoji.at,
      updated_at: emoji.at,
    })
    .execute();
}

/** New pictures (and category, when given) for an existing emoji. */
export async function replaceEmojiImages(
  db: Db,
  id: string,
  change: { imageKey: string; staticKey: string; category?: string | null; at: string },
): Promise<void> {
  await db
    .updateTable("custom_emojis")
    .set({
      image_key: change.imageKey,
      static_key: change.staticKey,
      ...(change.category === undefined ? {} : { category: change.category }),
      updated_at: change.at,
    })
    .where("id", "=", id)
    .execute();
}

export async function deleteEmoji(db: Db, id: string): Promise<void> {
  await db.deleteFrom("custom_emojis").where("id", "=", id).execute();
}
