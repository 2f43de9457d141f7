// Creating a local account and its user together: `hearth accounts create` now, sign-up
// (POST /api/v1/accounts) later. One transaction, so there is never an account without a user.
import type { AppContext } from "../../context.ts";
import { UniqueViolationError } from "../../db/errors.ts";
import type { Db } from "../../db/index.ts";
import type { UserRole } from "../../domain/roles.ts";
import { describeUsernameProblem, usernameProblem } from "../../domain/usernames.ts";
import { generatePassword, hashPassword } from "../../lib/password.ts";
import { findLocalAccountByUsername, insertAccount } from "../../repos/accounts.ts";
import { recordActivity } from "../../repos/instance-activity.ts";
import { findUserByEmail, insertUser } from "../../repos/users.ts";
import { forgetInstanceStats } from "../instance/get-instance-info.ts";

// Mastodon's limits (Devise password_length 8..72, counted in characters).
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 72;
// The longest address SMTP can carry (RFC 5321 path limit).
export const EMAIL_MAX_LENGTH = 254;
// Devise's email_regexp, which Mastodon uses: one @, no spaces. `admin@localhost` is valid.
export const EMAIL_RE = /^[^@\s]+@[^@\s]+$/;

export interface NewLocalAccount {
  username: string;
  email: string;
  /** Omitted: a random one is generated and returned once. */
  password?: string;
  role?: UserRole | null;
  /** The address is known to work (an operator vouches for it): no confirmation mail needed. */
  confirmed?: boolean;
  /** False when a moderator must approve the sign-up first. Default true. */
  approved?: boolean;
  /** Let an operator take a reserved name such as "admin" on purpose. */
  allowReserved?: boolean;
  /** More writes in the same transaction (sign-up records its details and issues a token). */
  inTransaction?: (trx: Db, created: { accountId: string; userId: string }) => Promise<void>;
}

export type NewAccountProblem = {
  type: "invalid";
  field: "username" | "email" | "password";
  message: string;
};

export type CreateLocalAccountResult =
  | {
      type: "ok";
      accountId: string;
      userId: string;
      username: string;
      /** The password set, generated or given; show it to the operator, never store it. */
      password: string;
      passwordGenerated: boolean;
    }
  | NewAccountProblem
  | { type: "taken"; field: "username" | "email"; message: string };

/** The first rule `input` breaks that needs no database, or null. */
export function checkNewLocalAccount(input: NewLocalAccount): NewAccountProblem | null {
  const invalid = (field: NewAccountProblem["field"], message: string): NewAccountProblem => ({
    type: "invalid",
    field,
    message,
  });
  const problem = usernameProblem(input.username);
  if (problem !== null && !(problem === "reserved" && input.allowReserved)) {
    const message = describeUsernameProblem(input.username, problem);
    return invalid(
      "username",
      problem === "reserved" ? `${message}; pass --allow-reserved to take it anyway` : message,
    );
  }
  const email = input.email.trim();
  if (!EMAIL_RE.test(email)) return invalid("email", `"${input.email}" is not an email address`);
  if (email.length > EMAIL_MAX_LENGTH)
    return invalid("email", `email is longer than ${EMAIL_MAX_LENGTH} characters`);
  if (input.password !== undefined) {
    const length = [...input.password].length;
    if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
      return invalid(
        "password",
        `password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long; got ${length}`,
      );
    }
  }
  return null;
}

/** Creates a local account with its user and counts the registration. */
export async function createLocalAccount(
  ctx: AppContext,
  input: NewLocalAccount,
): Promise<CreateLocalAccountResult> {
  const problem = checkNewLocalAccount(input);
  if (problem !== null) return problem;
  const email = input.email.trim();
  const password = input.password ?? generatePassword();
  // Hash before the transaction: it takes ~150 ms and needs no database.
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  const at = now.toISOString();
  const accountId = ctx.newId();
  const userId = ctx.newId();
  const baseUrl = ctx.config.baseUrl;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertAccount(trx, {
        id: accountId,
        username: input.username,
        domain: null,
        // IRIs carry the id, never the name, so a rename can come later (architecture brief).
        uri: `${baseUrl}/ap/users/${accountId}`,
        url: `${baseUrl}/@${input.username}`,
        inbox_url: null,
        shared_inbox_url: null,
        discoverable: null,
        last_status_at: null,
        suspended_at: null,
        created_at: at,
        updated_at: at,
      });
      await insertUser(trx, {
        id: userId,
        account_id: accountId,
        email,
        password_hash: passwordHash,
        role: input.role ?? null,
        locale: null,
        confirmed_at: input.confirmed ? at : null,
        approved: input.approved ?? true,
        last_active_at: null,
        created_at: at,
        updated_at: at,
      });
      await recordActivity(trx, "registrations", now);
      await input.inTransaction?.(trx, { accountId, userId });
    });
  } catch (error) {
    // The unique indexes decide, so two racing creations cannot both win; then look up which
    // one fired to say so (the transaction has rolled back, nothing was written).
    if (!(error instanceof UniqueViolationError)) throw error;
    const taken = await whichIsTaken(ctx, input.username, email);
    if (taken === null) throw error;
    return taken;
  }
  forgetInstanceStats(ctx);
  return {
    type: "ok",
    accountId,
    userId,
    username: input.username,
    password,
    passwordGenerated: input.password === undefined,
  };
}

async function whichIsTaken(
  ctx: AppContext,
  username: string,
  email: string,
): Promise<Extract<CreateLocalAccountResult, { type: "taken" }> | null> {
  const account = await findLocalAccountByUsername(ctx.db, username);
  if (account !== undefined) {
    const by = account.username === username ? "" : ` (by @${account.username})`;
    return { type: "taken", field: "username", message: `username @${username} is taken${by}` };
  }
  if ((await findUserByEmail(ctx.db, email)) !== undefined)
    return { type: "taken", field: "email", message: `email ${email} is already in use` };
  return null;
}
