// Named fixtures with fixed ids and times, so tests (and golden JSON) are stable.
// Seeded straight into the tables: the rig must not depend on the services under test.
import type { Insertable } from "kysely";
import type { Db } from "../../src/db/index.ts";
import type { AccountsTable } from "../../src/db/schema/index.ts";

export const FIXED_TIME = "2026-01-01T12:00:00.000Z";

/**
 * An accounts row for tests that need accounts beyond the named fixtures: give the id, the
 * username and the domain (null for local); everything else has a plain default.
 */
export function accountRow(
  fields: Pick<AccountsTable, "id" | "username" | "domain"> & Partial<Insertable<AccountsTable>>,
): Insertable<AccountsTable> {
  const host = fields.domain?.toLowerCase() ?? "hearth.test";
  return {
    uri: `https://${host}/users/${fields.username}`,
    url: null,
    inbox_url: null,
    shared_inbox_url: null,
    discoverable: null,
    last_status_at: null,
    suspended_at: null,
    created_at: FIXED_TIME,
    updated_at: FIXED_TIME,
    ...fields,
  };
}

export interface AccountFixture {
  id: string;
  username: string;
  domain: string | null;
  /** Local accounts only. */
  user?: { id: string; email: string; password: string; role: string | null };
}

// Ids as the generator makes them (milliseconds << 16) for moments in 2025, so they sort
// before anything a test creates at FIXED_TIME.
const id = (iso: string, n = 0) => ((BigInt(Date.parse(iso)) << 16n) + BigInt(n)).toString();

export const fixtures = {
  admin: {
    id: id("2025-01-01T00:00:00.000Z"),
    username: "admin",
    domain: null,
    user: {
      id: id("2025-01-01T00:00:00.000Z", 1),
      email: "admin@hearth.test",
      password: "admin-password-1",
      role: "Owner",
    },
  },
  alice: {
    id: id("2025-02-01T00:00:00.000Z"),
    username: "alice",
    domain: null,
    user: {
      id: id("2025-02-01T00:00:00.000Z", 1),
      email: "alice@hearth.test",
      password: "alice-password-1",
      role: null,
    },
  },
  bob: {
    id: id("2025-03-01T00:00:00.000Z"),
    username: "bob",
    domain: null,
    user: {
      id: id("2025-03-01T00:00:00.000Z", 1),
      email: "bob@hearth.test",
      password: "bob-password-1",
      role: null,
    },
  },
  carol: { id: id("2025-04-01T00:00:00.000Z"), username: "carol", domain: "remote.test" },
} satisfies Record<string, AccountFixture>;

export type FixtureName = keyof typeof fixtures;

export async function seedFixtures(db: Db, baseUrl: string): Promise<void> {
  for (const f of Object.values(fixtures) as AccountFixture[]) {
    const created = new Date(Number(BigInt(f.id) >> 16n)).toISOString();
    const local = f.domain === null;
    await db
      .insertInto("accounts")
      .values({
        id: f.id,
        username: f.username,
        domain: f.domain,
        display_name: f.username[0]!.toUpperCase() + f.username.slice(1),
        uri: local ? `${baseUrl}/ap/users/${f.id}` : `https://${f.domain}/users/${f.username}`,
        url: local ? `${baseUrl}/@${f.username}` : `https://${f.domain}/@${f.username}`,
        inbox_url: local ? null : `https://${f.domain}/users/${f.username}/inbox`,
        shared_inbox_url: local ? null : `https://${f.domain}/inbox`,
        created_at: created,
        updated_at: created,
      })
      .execute();
    if (f.user !== undefined) {
      await db
        .insertInto("users")
        .values({
          id: f.user.id,
          account_id: f.id,
          email: f.user.email,
          // Hashed by the accounts code when it exists; the rig stores none so it stays independent.
          password_hash: null,
          role: f.user.role,
          locale: "en",
          confirmed_at: created,
          last_active_at: FIXED_TIME,
          created_at: created,
          updated_at: created,
        })
        .execute();
    }
  }
}
