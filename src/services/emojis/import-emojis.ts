// Import custom emoji (the operator's `hearth emoji import`): all or nothing. Every file is
// checked and converted first; one bad file (or bad shortcode) refuses the whole import with
// a message naming it, and nothing is stored. An emoji whose shortcode exists is skipped
// unless `overwrite`, which replaces its pictures (and its category when one is given), as
// Mastodon's `tootctl emoji import --overwrite`.
import type { AppContext } from "../../context.ts";
import { isShortcode } from "../../domain/emoji-shortcodes.ts";
import { type EmojiImage, processEmojiImage } from "../../media/emoji-images.ts";
import { newKey } from "../../media/storage.ts";
import {
  type EmojiRow,
  findLocalEmoji,
  insertLocalEmoji,
  replaceEmojiImages,
} from "../../repos/custom-emojis.ts";
import { EMOJI_LIST_CACHE_KEY } from "./list-emojis.ts";

export interface EmojiFile {
  shortcode: string;
  body: Uint8Array;
  /** How the operator named it (a path), for messages. */
  label: string;
}

export interface ImportOptions {
  /** Undefined: new emoji get none, replaced ones keep theirs. */
  category?: string | undefined;
  overwrite: boolean;
}

export type ImportResult =
  | { type: "ok"; imported: string[]; replaced: string[]; skipped: string[] }
  | { type: "invalid"; message: string };

const MAX_CATEGORY_LENGTH = 64;

interface Ready {
  file: EmojiFile;
  original: EmojiImage;
  still: EmojiImage | null;
}

export async function importEmojis(
  ctx: AppContext,
  files: readonly EmojiFile[],
  options: ImportOptions,
): Promise<ImportResult> {
  const category = options.category?.trim();
  if (category !== undefined && (category === "" || category.length > MAX_CATEGORY_LENGTH))
    return {
      type: "invalid",
      message: `a category is 1 to ${MAX_CATEGORY_LENGTH} characters`,
    };
  if (files.length === 0) return { type: "invalid", message: "no emoji to import" };
  const problems: string[] = [];
  const seen = new Set<string>();
  const ready: Ready[] = [];
  for (const file of files) {
    if (!isShortcode(file.shortcode)) {
      problems.push(
        `${file.label}: "${file.shortcode}" is not a shortcode (2 or more of a-z, A-Z, 0-9, _)`,
      );
      continue;
    }
    if (seen.has(file.shortcode)) {
      problems.push(`${file.label}: :${file.shortcode}: is given twice`);
      continue;
    }
    seen.add(file.shortcode);
    const processed = await processEmojiImage(file.body);
    if (processed.type === "invalid") problems.push(`${file.label} ${processed.reason}`);
    else ready.push({ file, original: processed.original, still: processed.static });
  }
  if (problems.length > 0) return { type: "invalid", message: problems.join("; ") };

  const result = { imported: [] as string[], replaced: [] as string[], skipped: [] as string[] };
  const stored: string[] = [];
  const oldKeys: string[] = [];
  const store = async (prefix: string, image: EmojiImage) => {
    const key = newKey(prefix, image.contentType);
    await ctx.storage.put(key, image.body, image.contentType);
    stored.push(key);
    return key;
  };
  try {
    // Files first, rows after, in one transaction: a failure leaves no row without its file.
    const planned: {
      r: Ready;
      existing: EmojiRow | undefined;
      imageKey: string;
      staticKey: string;
    }[] = [];
    for (const r of ready) {
      const existing = await findLocalEmoji(ctx.db, r.file.shortcode);
      if (existing !== undefined && !options.overwrite) {
        result.skipped.push(r.file.shortcode);
        continue;
      }
      const imageKey = await store("custom_emojis/images", r.original);
      const staticKey = r.still === null ? imageKey : await store("custom_emojis/static", r.still);
      planned.push({ r, existing, imageKey, staticKey });
    }
    const at = ctx.clock.now().toISOString();
    await ctx.db.transaction().execute(async (trx) => {
      for (const { r, existing, imageKey, staticKey } of planned) {
        if (existing === undefined) {
          const id = ctx.newId();
          await insertLocalEmoji(trx, {
            id,
            shortcode: r.file.shortcode,
            uri: `${ctx.config.baseUrl}/emojis/${id}`,
            imageKey,
            staticKey,
            category: category ?? null,
            at,
          });
          result.imported.push(r.file.shortcode);
        } else {
          await replaceEmojiImages(trx, existing.id, {
            imageKey,
            staticKey,
            ...(category === undefined ? {} : { category }),
            at,
          });
          oldKeys.push(existing.image_key, existing.static_key);
          result.replaced.push(r.file.shortcode);
        }
      }
    });
  } catch (error) {
    for (const key of stored) await ctx.storage.delete(key);
    throw error;
  }
  for (const key of new Set(oldKeys)) await ctx.storage.delete(key);
  ctx.cache.delete(EMOJI_LIST_CACHE_KEY);
  return { type: "ok", ...result };
}
