// PATCH /api/v1/accounts/update_credentials: everything is checked first, pictures are
// processed and stored before the transaction (sharp takes a while and needs no database),
// then one transaction writes the account and the settings. If it fails, the new files are
// deleted; if it succeeds, the replaced ones are. Nothing changes on any error.
import type { AppContext } from "../../context.ts";
import type { ProfileField } from "../../db/schema/index.ts";
import { isLanguageCode } from "../../domain/languages.ts";
import { ACCOUNT_LIMITS } from "../../domain/limits.ts";
import { isQuotePolicy } from "../../domain/quote-policy.ts";
import { isVisibility } from "../../domain/user-settings.ts";
import { unprocessable } from "../../lib/errors.ts";
import { type ImageKind, processPicture } from "../../media/images.ts";
import { newKey } from "../../media/storage.ts";
import {
  type AccountChanges,
  findOwnProfile,
  updateAccount,
  updateUserSettings,
} from "../../repos/profiles.ts";
import { countCharacters, fieldValueToHtml, noteToHtml } from "./render-text.ts";

export interface ProfileUpdate {
  displayName?: string;
  note?: string;
  avatar?: Blob;
  header?: Blob;
  avatarDescription?: string;
  headerDescription?: string;
  locked?: boolean;
  bot?: boolean;
  discoverable?: boolean;
  indexable?: boolean;
  hideCollections?: boolean;
  /** The complete new list (Mastodon replaces all fields at once). */
  fields?: { name: string; value: string }[];
  privacy?: string;
  sensitive?: boolean;
  /** "" clears it. */
  language?: string;
  /** source[quote_policy]: public | followers | nobody. */
  quotePolicy?: string;
}

const fail = (message: string) => unprocessable(`Validation failed: ${message}`);

function tooLong(label: string, text: string | undefined, max: number, urls = false): void {
  if (text !== undefined && countCharacters(text, urls) > max) {
    throw fail(`${label} is too long (maximum is ${max} characters)`);
  }
}

/** Throws Mastodon's 422 for the first broken rule. */
export function checkProfileUpdate(update: ProfileUpdate): void {
  const L = ACCOUNT_LIMITS;
  tooLong("Display name", update.displayName, L.maxDisplayNameLength);
  tooLong("Note", update.note, L.maxNoteLength, true);
  tooLong("Avatar description", update.avatarDescription, L.maxAvatarDescriptionLength);
  tooLong("Header description", update.headerDescription, L.maxHeaderDescriptionLength);
  if (update.fields !== undefined) {
    const kept = update.fields.filter((f) => f.name.trim() !== "" || f.value.trim() !== "");
    if (kept.length > L.maxProfileFields) {
      throw fail(`Fields is too long (maximum is ${L.maxProfileFields} fields)`);
    }
    for (const field of kept) {
      if (field.name.trim() === "") throw fail("Fields with values are missing labels");
      tooLong("Fields name", field.name, L.profileFieldNameLimit);
      tooLong("Fields value", field.value, L.profileFieldValueLimit);
    }
  }
  if (update.privacy !== undefined && !isVisibility(update.privacy)) {
    throw fail("Default privacy is not included in the list");
  }
  if (update.language !== undefined && update.language !== "" && !isLanguageCode(update.language)) {
    throw fail("Default language is not a supported language");
  }
  if (update.quotePolicy !== undefined && !isQuotePolicy(update.quotePolicy)) {
    throw fail("Default quote policy is not included in the list");
  }
}

interface StoredPicture {
  key: string;
  staticKey: string | null;
  contentType: string;
}

async function storePicture(
  ctx: AppContext,
  kind: ImageKind,
  accountId: string,
  file: Blob,
  written: string[],
): Promise<StoredPicture> {
  const picture = await processPicture(kind, file);
  const prefix = `accounts/${kind}s/${accountId}`;
  const key = newKey(`${prefix}/original`, picture.original.contentType);
  written.push(key);
  await ctx.storage.put(key, picture.original.body, picture.original.contentType);
  let staticKey: string | null = null;
  if (picture.static !== null) {
    staticKey = newKey(`${prefix}/static`, picture.static.contentType);
    written.push(staticKey);
    await ctx.storage.put(staticKey, picture.static.body, picture.static.contentType);
  }
  return { key, staticKey, contentType: picture.original.contentType };
}

/** Best effort: a file left behind costs disk space, never correctness. */
export async function deleteAll(ctx: AppContext, keys: (string | null)[]): Promise<void> {
  for (const key of keys) if (key !== null) await ctx.storage.delete(key).catch(() => {});
}

export async function updateProfile(
  ctx: AppContext,
  userId: string,
  update: ProfileUpdate,
): Promise<void> {
  checkProfileUpdate(update);
  const current = await findOwnProfile(ctx.db, userId);
  if (current === undefined) throw unprocessable("This method requires an authenticated user");
  const account = current.account;
  const written: string[] = [];
  try {
    // Every file stored is in `written`: a bad header after a good avatar, or a failed
    // transaction, deletes them all in the catch below.
    const avatar =
      update.avatar === undefined
        ? undefined
        : await storePicture(ctx, "avatar", account.id, update.avatar, written);
    const header =
      update.header === undefined
        ? undefined
        : await storePicture(ctx, "header", account.id, update.header, written);
    const at = ctx.clock.now().toISOString();
    const changes: AccountChanges = { updated_at: at };
    if (update.displayName !== undefined) changes.display_name = update.displayName;
    if (update.note !== undefined) {
      changes.note = noteToHtml(update.note, ctx.config.baseUrl);
      changes.note_source = update.note;
    }
    if (avatar !== undefined) {
      changes.avatar_key = avatar.key;
      changes.avatar_static_key = avatar.staticKey;
      changes.avatar_content_type = avatar.contentType;
    }
    if (header !== undefined) {
      changes.header_key = header.key;
      changes.header_static_key = header.staticKey;
      changes.header_content_type = header.contentType;
    }
    if (update.avatarDescription !== undefined)
      changes.avatar_description = update.avatarDescription;
    if (update.headerDescription !== undefined)
      changes.header_description = update.headerDescription;
    if (update.locked !== undefined) changes.locked = update.locked;
    if (update.bot !== undefined) changes.bot = update.bot;
    if (update.discoverable !== undefined) changes.discoverable = update.discoverable;
    if (update.indexable !== undefined) changes.indexable = update.indexable;
    if (update.hideCollections !== undefined) changes.hide_collections = update.hideCollections;
    if (update.fields !== undefined)
      changes.fields = JSON.stringify(
        newFields(update.fields, account.fields ?? [], ctx.config.baseUrl),
      );
    const settingsChanged =
      update.privacy !== undefined ||
      update.sensitive !== undefined ||
      update.language !== undefined ||
      update.quotePolicy !== undefined;
    await ctx.db.transaction().execute(async (trx) => {
      await updateAccount(trx, account.id, changes);
      if (settingsChanged) {
        // Unknown keys are kept: settings this version does not know may be a newer one's.
        const stored = (current.settings ?? {}) as Record<string, unknown>;
        await updateUserSettings(
          trx,
          userId,
          {
            ...stored,
            ...(update.privacy === undefined ? {} : { defaultPrivacy: update.privacy }),
            ...(update.sensitive === undefined ? {} : { defaultSensitive: update.sensitive }),
            ...(update.language === undefined
              ? {}
              : { defaultLanguage: update.language === "" ? null : update.language }),
            ...(update.quotePolicy === undefined ? {} : { defaultQuotePolicy: update.quotePolicy }),
          },
          at,
        );
      }
    });
  } catch (error) {
    await deleteAll(ctx, written);
    throw error;
  }
  // Replaced pictures go only once the new ones are committed.
  const replaced: (string | null)[] = [];
  if (update.avatar !== undefined) replaced.push(account.avatar_key, account.avatar_static_key);
  if (update.header !== undefined) replaced.push(account.header_key, account.header_static_key);
  await deleteAll(ctx, replaced);
}

/** Blank pairs dropped; a value kept unchanged keeps its verification (as Mastodon). */
function newFields(
  fields: { name: string; value: string }[],
  old: ProfileField[],
  baseUrl: string,
): ProfileField[] {
  return fields
    .filter((f) => f.name.trim() !== "" || f.value.trim() !== "")
    .map((f) => {
      const previous = old.find((o) => (o.source ?? o.value) === f.value);
      return {
        name: f.name.trim(),
        value: fieldValueToHtml(f.value, baseUrl),
        verified_at: previous?.verified_at ?? null,
        source: f.value,
      };
    });
}
