// Conditions on `accounts` shared by search, the directory and suggestions: which accounts
// may be listed at all (Mastodon's `searchable` scope) and which a viewer does not want to
// see (blocks both ways, live mutes, domain blocks).
import { type ExpressionBuilder, type ExpressionWrapper, type SqlBool, sql } from "kysely";
import type { Database } from "../db/schema/index.ts";

type AccountsEb = ExpressionBuilder<Database, "accounts">;
type Condition = ExpressionWrapper<Database, "accounts", SqlBool>;

/**
 * Not suspended, and for a local account a user who confirmed their address, was approved
 * and is not disabled (an unconfirmed sign-up or the instance actor is never listed).
 */
export function listedAccount(eb: AccountsEb): Condition {
  return eb.and([
    eb("accounts.suspended_at", "is", null),
    eb.or([
      eb("accounts.domain", "is not", null),
      eb.exists(
        eb
          .selectFrom("users as u")
          .select(sql`1`.as("one"))
          .whereRef("u.account_id", "=", "accounts.id")
          .where("u.approved", "=", true)
          .where("u.disabled", "=", false)
          .where("u.confirmed_at", "is not", null),
      ),
    ]),
  ]);
}

const viewerRef = (viewerId: string) => sql<string>`cast(${viewerId} as bigint)`;

/** Accounts blocking or blocked by the viewer, or on a domain the viewer blocks. */
export function excludedByViewer(
  eb: AccountsEb,
  viewerId: string,
  options: { mutes: boolean; now: string },
): Condition {
  const viewer = viewerRef(viewerId);
  const checks = [
    eb.exists(
      eb
        .selectFrom("blocks as b")
        .select(sql`1`.as("one"))
        .where((b) =>
          b.or([
            b.and([
              b("b.account_id", "=", viewer),
              b("b.target_account_id", "=", b.ref("accounts.id")),
            ]),
            b.and([
              b("b.target_account_id", "=", viewer),
              b("b.account_id", "=", b.ref("accounts.id")),
            ]),
          ]),
        ),
    ),
    eb.exists(
      eb
        .selectFrom("account_domain_blocks as d")
        .select(sql`1`.as("one"))
        .where("d.account_id", "=", viewer)
        .whereRef("d.domain", "=", "accounts.domain"),
    ),
  ];
  if (options.mutes) {
    checks.push(
      eb.exists(
        eb
          .selectFrom("mutes as m")
          .select(sql`1`.as("one"))
          .where("m.account_id", "=", viewer)
          .whereRef("m.target_account_id", "=", "accounts.id")
          .where((m) => m.or([m("m.expires_at", "is", null), m("m.expires_at", ">", options.now)])),
      ),
    );
  }
  return eb.or(checks);
}

/** The viewer follows the account. */
export function followedBy(eb: AccountsEb, viewerId: string): Condition {
  return eb.exists(
    eb
      .selectFrom("follows as f")
      .select(sql`1`.as("one"))
      .where("f.account_id", "=", viewerRef(viewerId))
      .whereRef("f.target_account_id", "=", "accounts.id"),
  );
}
