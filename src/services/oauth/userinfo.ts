// GET /oauth/userinfo (Mastodon 4.4): OpenID Connect-style claims about the token's user.
import type { AppContext } from "../../context.ts";
import { notFound } from "../../lib/errors.ts";
import { findUserAccount } from "../../repos/oauth.ts";

export async function loadUserAccount(ctx: AppContext, userId: string) {
  const account = await findUserAccount(ctx.db, userId);
  if (account === undefined) throw notFound();
  return account;
}
