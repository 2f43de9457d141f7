// Invite links (`/invite/:code`), as Mastodon's: a short code with an optional expiry and use
// limit. A valid invite lets someone join while registrations are closed, and skips approval.
import { randomInt } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { findInviteByCode, type InviteRow, insertInvite } from "../../repos/invites.ts";

// Mastodon's alphabet: letters and digits without the look-alikes 0, 1, I, l and O, since
// people read invite codes aloud and type them.
const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 8;

export function generateInviteCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

export interface NewInvite {
  userId: string;
  /** null or omitted: unlimited. */
  maxUses?: number | null;
  /** null or omitted: never expires. */
  expiresInMs?: number | null;
  autofollow?: boolean;
  comment?: string | null;
}

export async function createInvite(ctx: AppContext, input: NewInvite): Promise<InviteRow> {
  const now = ctx.clock.now();
  const row = {
    id: ctx.newId(),
    code: generateInviteCode(),
    user_id: input.userId,
    max_uses: input.maxUses ?? null,
    uses: 0,
    expires_at:
      input.expiresInMs == null ? null : new Date(now.getTime() + input.expiresInMs).toISOString(),
    autofollow: input.autofollow ?? false,
    comment: input.comment ?? null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await insertInvite(ctx.db, row);
  return row;
}

export type InviteStatus = "valid" | "expired" | "used-up";

export function inviteStatus(invite: InviteRow, now: Date): InviteStatus {
  if (invite.expires_at !== null && Date.parse(invite.expires_at) <= now.getTime())
    return "expired";
  if (invite.max_uses !== null && invite.uses >= invite.max_uses) return "used-up";
  return "valid";
}

/** The invite with this code and whether it can be used now; undefined when there is none. */
export async function checkInvite(
  ctx: AppContext,
  code: string,
): Promise<{ invite: InviteRow; status: InviteStatus } | undefined> {
  // Codes are short and typed by people: an absurd value is not looked up at all.
  if (!/^[A-Za-z0-9]{1,64}$/.test(code)) return undefined;
  const invite = await findInviteByCode(ctx.db, code);
  return invite === undefined
    ? undefined
    : { invite, status: inviteStatus(invite, ctx.clock.now()) };
}
