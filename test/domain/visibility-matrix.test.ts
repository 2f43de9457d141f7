// The visibility rule two ways — the pure canSee() and the SQL visibleTo() — over every
// combination of viewer, visibility, follow, mention, blocks both ways, a block of the author's
// domain, deletion and suspension: they must agree everywhere, and a few cells are checked by
// hand.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { VISIBILITIES, type Visibility } from "../../src/domain/user-settings.ts";
import { canSee, type VisibilityFacts } from "../../src/domain/visibility.ts";
import { findVisibleStatuses } from "../../src/repos/status-reads.ts";
import { accountRow, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

const VIEWER = "900000";
/** The viewer blocks this domain; authors not on it are local. */
const BLOCKED_DOMAIN = "blocked.test";
const flags = [false, true];

interface Cell {
  statusId: string;
  authorId: string;
  visibility: Visibility;
  deleted: boolean;
  facts: VisibilityFacts;
}

describeEachDatabase("visibility: canSee and visibleTo agree", (rig) => {
  const cells: Cell[] = [];
  before(async () => {
    const db = rig().ctx.db;
    await db
      .insertInto("accounts")
      .values(accountRow({ id: VIEWER, username: "viewer", domain: null }))
      .execute();
    await db
      .insertInto("account_domain_blocks")
      .values({ id: "899999", account_id: VIEWER, domain: BLOCKED_DOMAIN, created_at: FIXED_TIME })
      .execute();
    let n = 1;
    for (const following of flags)
      for (const blocking of flags)
        for (const blockedBy of flags)
          for (const suspended of flags)
            for (const domainBlocked of flags) {
              const authorId = String(910000 + n++);
              await db
                .insertInto("accounts")
                .values(
                  accountRow({
                    id: authorId,
                    username: `author${authorId}`,
                    domain: domainBlocked ? BLOCKED_DOMAIN : null,
                    suspended_at: suspended ? FIXED_TIME : null,
                  }),
                )
                .execute();
              const pair = (table: "follows" | "blocks", from: string, to: string) =>
                db
                  .insertInto(table)
                  .values({
                    id: String(920000 + n++),
                    account_id: from,
                    target_account_id: to,
                    created_at: FIXED_TIME,
                    ...(table === "follows" ? { updated_at: FIXED_TIME } : {}),
                  })
                  .execute();
              if (following) await pair("follows", VIEWER, authorId);
              if (blocking) await pair("blocks", VIEWER, authorId);
              if (blockedBy) await pair("blocks", authorId, VIEWER);
              for (const visibility of VISIBILITIES)
                for (const mentioned of flags)
                  for (const deleted of flags) {
                    const statusId = String(930000 + n++);
                    await db
                      .insertInto("statuses")
                      .values({
                        id: statusId,
                        uri: `https://hearth.test/ap/statuses/${statusId}`,
                        url: null,
                        account_id: authorId,
                        in_reply_to_id: null,
                        in_reply_to_account_id: null,
                        reblog_of_id: null,
                        visibility,
                        language: null,
                        application_id: null,
                        local: true,
                        edited_at: null,
                        deleted_at: deleted ? FIXED_TIME : null,
                        created_at: FIXED_TIME,
                        updated_at: FIXED_TIME,
                      })
                      .execute();
                    if (mentioned)
                      await db
                        .insertInto("mentions")
                        .values({
                          id: String(940000 + n++),
                          status_id: statusId,
                          account_id: VIEWER,
                        })
                        .execute();
                    cells.push({
                      statusId,
                      authorId,
                      visibility,
                      deleted,
                      facts: {
                        authorSuspended: suspended,
                        following,
                        mentioned,
                        blocking,
                        blockedBy,
                        domainBlocked,
                      },
                    });
                  }
            }
  });

  const check = async (viewer: (cell: Cell) => string | null, label: string) => {
    const db = rig().ctx.db;
    const viewers = new Set(cells.map(viewer));
    for (const v of viewers) {
      const mine = cells.filter((c) => viewer(c) === v);
      const seen = new Set(
        (
          await findVisibleStatuses(
            db,
            mine.map((c) => c.statusId),
            v,
          )
        ).map((r) => r.id),
      );
      // Guard against a vacuous pass: each viewer sees some cells and not others.
      if (mine.length > 16) assert.ok(seen.size > 0 && seen.size < mine.length, label);
      for (const cell of mine) {
        const expected = canSee(
          v,
          {
            accountId: cell.authorId,
            visibility: cell.visibility,
            deletedAt: cell.deleted ? FIXED_TIME : null,
          },
          cell.facts,
        );
        assert.equal(seen.has(cell.statusId), expected, `${label}: ${JSON.stringify(cell)}`);
      }
    }
  };

  test("the matrix has every combination", () => {
    assert.equal(cells.length, 32 * 4 * 2 * 2);
  });
  test("anonymous viewer", () => check(() => null, "anonymous"));
  test("a signed-in viewer (follower, mentioned, blocked, blocking, domain-blocking, stranger)", () =>
    check(() => VIEWER, "viewer"));
  test("the author", () => check((c) => c.authorId, "author"));
});

test("canSee by hand: the rule's corners", () => {
  const none: VisibilityFacts = {
    authorSuspended: false,
    following: false,
    mentioned: false,
    blocking: false,
    blockedBy: false,
    domainBlocked: false,
  };
  const post = (visibility: Visibility, deletedAt: string | null = null) => ({
    accountId: "1",
    visibility,
    deletedAt,
  });
  assert.equal(canSee(null, post("public"), none), true);
  assert.equal(canSee(null, post("unlisted"), none), true);
  assert.equal(canSee(null, post("private"), { ...none, following: true }), false);
  assert.equal(canSee("2", post("private"), none), false);
  assert.equal(canSee("2", post("private"), { ...none, following: true }), true);
  assert.equal(canSee("2", post("private"), { ...none, mentioned: true }), true);
  assert.equal(canSee("2", post("direct"), { ...none, following: true }), false);
  assert.equal(canSee("2", post("direct"), { ...none, mentioned: true }), true);
  assert.equal(canSee("2", post("public"), { ...none, blocking: true }), false);
  assert.equal(canSee("2", post("public"), { ...none, blockedBy: true }), false);
  assert.equal(canSee("2", post("direct"), { ...none, mentioned: true, blockedBy: true }), false);
  assert.equal(canSee("1", post("direct"), { ...none, blocking: true }), true);
  assert.equal(canSee("1", post("public", FIXED_TIME), none), false);
  assert.equal(canSee("1", post("public"), { ...none, authorSuspended: true }), false);
  // A domain block hides even followed authors and direct mentions, but never one's own posts.
  assert.equal(canSee("2", post("public"), { ...none, domainBlocked: true }), false);
  assert.equal(
    canSee("2", post("private"), { ...none, following: true, domainBlocked: true }),
    false,
  );
  assert.equal(
    canSee("2", post("direct"), { ...none, mentioned: true, domainBlocked: true }),
    false,
  );
  assert.equal(canSee(null, post("public"), { ...none, domainBlocked: true }), true);
});
