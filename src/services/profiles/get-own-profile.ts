// The signed-in person's profile: their account, role and preferences, for CredentialAccount
// and GET /api/v1/preferences.
import type { AppContext } from "../../context.ts";
import { type RoleDefinition, roleOf } from "../../domain/permissions.ts";
import { readUserSettings, type UserSettings } from "../../domain/user-settings.ts";
import { notFound } from "../../lib/errors.ts";
import type { AccountRow } from "../../repos/accounts.ts";
import type { EmojiRow } from "../../repos/custom-emojis.ts";
import { findAccountsByIds, findOwnProfile } from "../../repos/profiles.ts";
import { accountEmojiSource, loadEmojis } from "../emojis/load-emojis.ts";

export interface OwnProfile {
  account: AccountRow;
  userId: string;
  role: RoleDefinition;
  settings: UserSettings;
  /** Custom emoji in the display name, note and fields. */
  emojis?: EmojiRow[];
  /** The account this one moved to, when it did (Mastodon shows it in verify_credentials). */
  moved?: AccountRow;
}

export async function getOwnProfile(ctx: AppContext, userId: string): Promise<OwnProfile> {
  const row = await findOwnProfile(ctx.db, userId);
  // The token resolved to this user a moment ago; gone now means deleted meanwhile.
  if (row === undefined) throw notFound();
  const [emojis = []] = await loadEmojis(ctx, [accountEmojiSource(row.account)]);
  const movedId = row.account.moved_to_account_id;
  const [moved] = movedId === null ? [] : await findAccountsByIds(ctx.db, [String(movedId)]);
  return {
    emojis,
    ...(moved === undefined ? {} : { moved }),
    account: row.account,
    userId: row.userId,
    role: roleOf(row.role),
    settings: readUserSettings(row.settings),
  };
}
