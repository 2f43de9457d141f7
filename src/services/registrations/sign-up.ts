// Sign-up through the API (POST /api/v1/accounts), as Mastodon's AppSignUpService: an app
// token creates the account, the user and a user token for that app in one transaction; the
// confirmation mail goes out after the commit. Until the address is confirmed (and, in
// approval mode, a moderator approves) the token is refused by the API's auth check.
// The web form (/auth/sign_up) goes through the same `register`, without an app or a token.
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

/** The web sign-up page: no application, no token (the page signs the person in instead). */
export interface WebSignUpInput extends SignUpFields {
  ip: string | null;
  /** The web form's second password field; the API has none. */
  passwordConfirmation?: string | undefined;
  inviteCode?: string | undefined;
}

export type WebSignUpResult =
  | { type: "ok"; userId: string; approved: boolean }
  | { type: "closed" }
  | { type: "invalid"; details: ValidationDetails };

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
  const result = await register(ctx, input, input.applicationId);
  if (result.type !== "ok") return result;
  const { token, ...rest } = result;
  if (token === null) throw new Error("an API sign-up always makes a token");
  return { ...rest, accessToken: token.accessToken, scopes: token.scopes };
}

/** The same rules and the same writes as the API's sign-up, for the web form. */
export async function signUpOnWeb(
  ctx: AppContext,
  input: WebSignUpInput,
): Promise<WebSignUpResult> {
  const result = await register(ctx, input, null);
  if (result.type !== "ok") return result;
  return { type: "ok", userId: result.userId, approved: result.approved };
}

type RegisterResult =
  | {
      type: "ok";
      userId: string;
      token: { accessToken: string; scopes: string } | null;
      createdAt: Date;
      approved: boolean;
    }
  | { type: "closed" }
  | { type: "invalid"; details: ValidationDetails };

async function register(
  ctx: AppContext,
  input: WebSignUpInput,
  applicationId: string | null,
): Promise<RegisterResult> {
  const settings = await loadSettings(ctx.db);
  const checked = input.inviteCode ? await checkInvite(ctx, input.inviteCode) : undefined;
  // As Mastodon, an unusable code only matters when it was the way in (closed registrations).
  const invite = checked?.status === "valid" ? checked.invite : undefined;
  if (settings.registrations === "closed" && invite === undefined) return { type: "closed" };

  const details = validateSignUpFields(input);
  if (input.passwordConfirmation !== undefined && input.passwordConfirmation !== input.password)
    addError(details, "password_confirmation", "ERR_CONFIRMATION");
  const email = input.email.trim();
  // Checked first so one answer names every problem; the unique indexes still decide races.
  if (details.username === undefined && (await findLocalAccountByUsername(ctx.db, input.username)))
    addError(details, "username", "ERR_TAKEN");
  if (details.email === undefined && (await findUserByEmail(ctx.db, email)))
    addError(details, "email", "ERR_TAKEN");
  if (hasErrors(details)) return { type: "invalid", details: inFieldOrder(details) };

  const app = applicationId === null ? null : await findApplication(ctx.db, applicationId);
  if (app === undefined) throw new Error(`application ${applicationId} vanished`);
  // Mastodon gives the new user's token the app's registered scopes (AppSignUpService).
  const token = app === null ? null : { accessToken: randomToken(), scopes: app.scopes };
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
          applicationId: app?.id ?? null,
          inviteId: invite?.id ?? null,
        });
        // Counted in the transaction: a sign-up that fails leaves the use unspent, and the
        // last use of an invite goes to one sign-up only.
        if (invite !== undefined && !(await useInvite(trx, invite.id, createdAt.toISOString())))
          throw new InviteUsedUp();
        confirmationToken = await issueConfirmationToken(ctx, trx, userId);
        if (app === null || token === null) return;
        await insertToken(trx, {
          id: ctx.newId(),
          application_id: app.id,
          user_id: userId,
          token_hash: hashToken(token.accessToken),
          scopes: token.scopes,
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
  return { type: "ok", userId: result.userId, token, createdAt, approved };
}
