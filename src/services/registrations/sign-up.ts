// Sign-up through the API (POST /api/v1/accounts), as Mastodon's AppSignUpService: an app
// token creates the account, the user and a user token for that app in one transaction; the
// confirmation mail goes out after the commit. Until the address is confirmed (and, in
// approval mode, a moderator approves) the token is refused by the API's auth check.
import type { AppContext } from "../../context.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import { findLocalAccountByUsername } from "../../repos/accounts.ts";
import { loadSettings } from "../../repos/instance-settings.ts";
import { useInvite } from "../../repos/invites.ts";
import { findApplication, insertToken } from "../../repos/oauth.ts";
import { recordSignUp } from "../../repos/registrations.ts";
import { findUserByEmail } from "../../repos/users.ts";
import { createLocalAccount } from "../accounts/create-local-account.ts";
import { issueConfirmationToken, sendConfirmationMail } from "./confirmation.ts";
import { checkInvite } from "./invites.ts";
import {
  addError,
  hasErrors,
  inFieldOrder,
  type SignUpFields,
  type ValidationDetails,
  validateSignUpFields,
} from "./validation.ts";

export interface SignUpInput extends SignUpFields {
  /** The application whose token made the request; the new token is for it too. */
  applicationId: string;
  ip: string | null;
  /** Lets the person join while registrations are closed, and skips approval. */
  inviteCode?: string | undefined;
}

export type SignUpResult =
  | {
      type: "ok";
      userId: string;
      accessToken: string;
      scopes: string;
      createdAt: Date;
      approved: boolean;
    }
  | { type: "closed" }
  | { type: "invalid"; details: ValidationDetails };

/** The invite's last use went to a sign-up that raced this one. */
class InviteUsedUp extends Error {}

export async function signUp(ctx: AppContext, input: SignUpInput): Promise<SignUpResult> {
  const settings = await loadSettings(ctx.db);
  const checked = input.inviteCode ? await checkInvite(ctx, input.inviteCode) : undefined;
  // As Mastodon, an unusable code only matters when it was the way in (closed registrations).
  const invite = checked?.status === "valid" ? checked.invite : undefined;
  if (settings.registrations === "closed" && invite === undefined) return { type: "closed" };

  const details = validateSignUpFields(input);
  const email = input.email.trim();
  // Checked first so one answer names every problem; the unique indexes still decide races.
  if (details.username === undefined && (await findLocalAccountByUsername(ctx.db, input.username)))
    addError(details, "username", "ERR_TAKEN");
  if (details.email === undefined && (await findUserByEmail(ctx.db, email)))
    addError(details, "email", "ERR_TAKEN");
  if (hasErrors(details)) return { type: "invalid", details: inFieldOrder(details) };

  const app = await findApplication(ctx.db, input.applicationId);
  if (app === undefined) throw new Error(`application ${input.applicationId} vanished`);
  // Mastodon gives the new user's token the app's registered scopes (AppSignUpService).
  const scopes = app.scopes;
  const accessToken = randomToken();
  const createdAt = ctx.clock.now();
  const approved = settings.registrations === "open" || invite !== undefined;
  let confirmationToken = "";

  let result: Awaited<ReturnType<typeof createLocalAccount>>;
  try {
    result = await createLocalAccount(ctx, {
      username: input.username,
      email,
      password: input.password,
      approved,
      confirmed: false,
      inTransaction: async (trx, { userId }) => {
        await recordSignUp(trx, userId, {
          locale: input.locale ?? null,
          reason: input.reason?.trim() || null,
          agreement: input.agreement,
          ip: input.ip,
          applicationId: app.id,
          inviteId: invite?.id ?? null,
        });
        // Counted in the transaction: a sign-up that fails leaves the use unspent, and the
        // last use of an invite goes to one sign-up only.
        if (invite !== undefined && !(await useInvite(trx, invite.id, createdAt.toISOString())))
          throw new InviteUsedUp();
        confirmationToken = await issueConfirmationToken(ctx, trx, userId);
        await insertToken(trx, {
          id: ctx.newId(),
          application_id: app.id,
          user_id: userId,
          token_hash: hashToken(accessToken),
          scopes,
          grant_id: null,
          last_used_at: null,
          revoked_at: null,
          created_at: createdAt.toISOString(),
        });
      },
    });
  } catch (error) {
    if (error instanceof InviteUsedUp) return { type: "closed" };
    throw error;
  }
  if (result.type !== "ok") {
    const lost: ValidationDetails = {};
    addError(lost, result.field, result.type === "taken" ? "ERR_TAKEN" : "ERR_INVALID");
    return { type: "invalid", details: lost };
  }

  await sendConfirmationMail(ctx, { email, username: result.username }, confirmationToken);
  return { type: "ok", userId: result.userId, accessToken, scopes, createdAt, approved };
}
