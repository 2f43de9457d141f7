// The visibility rule for boosts, both ways — canSee() with `reblogOf` and the SQL visibleTo()
// — over originals in every combination (visibility, follow, mention, blocks both ways,
// deletion, suspension) each boosted by a stranger, a followed or a blocked account with every
// boost visibility: a boost is visible only when it and its original both are. Viewers: the
// anonymous one, the viewer with the relations, and each booster on their own boosts.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { VISIBILITIES, type Visibility } from "../../src/domain/user-settings.ts";
import {
  canSee,
  type VisibilityFacts,
  type VisibilitySubject,
} from "../../src/domain/visibility.ts";
import { findVisibleStatuses } from "../../src/repos/status-reads.ts";
import { accountRow, describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

const VIEWER = "800000";
/** A stranger to the viewer, one the viewer follows, one the viewer blocks. */
const BOOSTERS = ["800001", "800002", "800003"];
const BOOST_VISIBILITIES: Visibility[] = ["public", "unlisted", "private"];
const MISSING = "999999999";
const flags = [false, true];

interface Row {
  id: string;
  accountId: string;
  visibility: Visibility;
  deleted: boolean;
  reblogOf: string | null;
}

describeEachDatabase("visibility of boosts: canSee and visibleTo agree", (rig) => {
  const rows = new Map<string, Row>();
  const boosts: Row[] = [];
  const follows = new Set<string>();
  const blocks = new Set<string>();
  const mentions = new Set<string>();
  const suspended = new Set<string>();
  const pair = (a: string, b: string) => `${a}>${b}`;

  const facts = (viewer: string, row: Row): VisibilityFacts => ({
    authorSuspended: suspended.has(row.accountId),
    following: follows.has(pair(viewer, row.accountId)),
    mentioned: mentions.has(pair(row.id, viewer)),
    blocking: blocks.has(pair(viewer, row.accountId)),
    blockedBy: blocks.has(pair(row.accountId, viewer)),
    domainBlocked: false,
  });
  const subject = (viewer: string, row: Row): VisibilitySubject => {
    const base = {
      accountId: row.accountId,
      visibility: row.visibility,
      deletedAt: row.deleted ? FIXED_TIME : null,
    };
    if (row.reblogOf === null) return base;
    const original = rows.get(row.reblogOf);
    return {
      ...base,
      reblogOf:
        original === undefined
          ? null
          : { status: subject(viewer, original), facts: facts(viewer, original) },
    };
  };
  const expected = (viewer: string | null, row: Row) =>
    canSee(viewer, subject(viewer ?? "", row), facts(viewer ?? "", row));

  before(async () => {
    const db = rig().ctx.db;
    const accounts = [VIEWER, ...BOOSTERS].map((id) =>
      accountRow({ id, username: `u${id}`, domain: null }),
    );
    const relations: { table: "follows" | "blocks"; from: string; to: string }[] = [
      { table: "follows", from: VIEWER, to: BOOSTERS[1] as string },
      { table: "blocks", from: VIEWER, to: BOOSTERS[2] as string },
    ];
    let n = 1;
    const originals: Row[] = [];
    for (const following of flags)
      for (const blocking of flags)
        for (const blockedBy of flags)
          for (const isSuspended of flags) {
            const authorId = String(810000 + n++);
            accounts.push(
              accountRow({
                id: authorId,
                username: `author${authorId}`,
                domain: null,
                suspended_at: isSuspended ? FIXED_TIME : null,
              }),
            );
            if (isSuspended) suspended.add(authorId);
            if (following) relations.push({ table: "follows", from: VIEWER, to: authorId });
            if (blocking) relations.push({ table: "blocks", from: VIEWER, to: authorId });
            if (blockedBy) relations.push({ table: "blocks", from: authorId, to: VIEWER });
            for (const visibility of VISIBILITIES)
              for (const mentioned of flags)
                for (const deleted of flags) {
                  const id = String(830000 + n++);
                  originals.push({ id, accountId: authorId, visibility, deleted, reblogOf: null });
                  if (mentioned) mentions.add(pair(id, VIEWER));
                }
          }
    // Each original boosted once, the booster, boost visibility and deletion rotating.
    for (const [i, original] of originals.entries())
      boosts.push({
        id: String(850000 + i),
        accountId: BOOSTERS[i % 3] as string,
        visibility: BOOST_VISIBILITIES[Math.floor(i / 3) % 3] as Visibility,
        deleted: i % 7 === 0,
        reblogOf: original.id,
      });
    boosts.push({
      id: "859999",
      accountId: BOOSTERS[0] as string,
      visibility: "public",
      deleted: false,
      reblogOf: MISSING,
    });
    for (const r of [...originals, ...boosts]) rows.set(r.id, r);
    for (const r of relations) (r.table === "follows" ? follows : blocks).add(pair(r.from, r.to));

    await db.insertInto("accounts").values(accounts).execute();
    for (const [i, r] of relations.entries())
      await db
        .insertInto(r.table)
        .values({
          id: String(870000 + i),
          account_id: r.from,
          target_account_id: r.to,
          created_at: FIXED_TIME,
          ...(r.table === "follows" ? { updated_at: FIXED_TIME } : {}),
        })
        .execute();
    const all = [...rows.values()];
    for (let i = 0; i < all.length; i += 100)
      await db
        .insertInto("statuses")
        .values(
          all.slice(i, i + 100).map((r) => ({
            id: r.id,
            uri: `https://hearth.test/ap/statuses/${r.id}`,
            url: null,
            account_id: r.accountId,
            in_reply_to_id: null,
            in_reply_to_account_id: null,
            reblog_of_id: r.reblogOf,
            visibility: r.visibility,
            language: null,
            application_id: null,
            local: true,
            edited_at: null,
            deleted_at: r.deleted ? FIXED_TIME : null,
            created_at: FIXED_TIME,
            updated_at: FIXED_TIME,
          })),
        )
        .execute();
    await db
      .insertInto("mentions")
      .values(
        [...mentions].map((m, i) => {
          const [statusId, accountId] = m.split(">") as [string, string];
          return { id: String(880000 + i), status_id: statusId, account_id: accountId };
        }),
      )
      .execute();
  });

  const check = async (viewer: string | null, cells: Row[], label: string) => {
    const seen = new Set(
      (
        await findVisibleStatuses(
          rig().ctx.db,
          cells.map((c) => c.id),
          viewer,
        )
      ).map((r) => r.id),
    );
    // Guard against a vacuous pass.
    assert.ok(seen.size > 0 && seen.size < cells.length, `${label}: ${seen.size}`);
    for (const cell of cells)
      assert.equal(seen.has(cell.id), expected(viewer, cell), `${label}: ${JSON.stringify(cell)}`);
  };

  test("the matrix has every original, each boosted once", () => {
    assert.equal(boosts.length, 16 * 4 * 2 * 2 + 1);
  });
  test("anonymous viewer", () => check(null, boosts, "anonymous"));
  test("a signed-in viewer (stranger, follower, blocker of the booster)", () =>
    check(VIEWER, boosts, "viewer"));
  test("each booster on their own boosts", async () => {
    for (const booster of BOOSTERS)
      await check(
        booster,
        boosts.filter((b) => b.accountId === booster),
        `booster ${booster}`,
      );
  });
  test("originals still agree with the rule", () =>
    check(
      VIEWER,
      [...rows.values()].filter((r) => r.reblogOf === null),
      "originals",
    ));
});

test("canSee by hand: a boost shows only with its original", () => {
  const none: VisibilityFacts = {
    authorSuspended: false,
    following: false,
    mentioned: false,
    blocking: false,
    blockedBy: false,
    domainBlocked: false,
  };
  const original = (visibility: Visibility): VisibilitySubject => ({
    accountId: "1",
    visibility,
    deletedAt: null,
  });
  const boost = (of: VisibilitySubject | null, facts = none): VisibilitySubject => ({
    accountId: "2",
    visibility: "public",
    deletedAt: null,
    reblogOf: of === null ? null : { status: of, facts },
  });
  assert.equal(canSee(null, boost(original("public")), none), true);
  assert.equal(canSee(null, boost(original("private")), none), false);
  assert.equal(canSee("3", boost(original("public"), { ...none, blockedBy: true }), none), false);
  assert.equal(canSee("3", boost(original("private"), { ...none, following: true }), none), true);
  assert.equal(canSee("3", boost(original("public")), { ...none, blocking: true }), false);
  assert.equal(canSee("2", boost(null), none), false);
  assert.equal(canSee("3", boost({ ...original("public"), deletedAt: FIXED_TIME }), none), false);
});
