// The home fan-out as one INSERT … SELECT per batch of 1000 readers (repos/feeds.ts
// fanOutHomeBatch): more readers than a batch, with the rules that moved into SQL sitting in
// the second batch — a follow limited to other languages, an exclusive list holding the
// author, an entry a merge wrote first, a boost of a post the reader holds, a follow with
// boosts off — and a retried job that writes nothing twice and names the same readers.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { reblog } from "../../src/services/interactions/reblog.ts";
import { createStatus } from "../../src/services/statuses/create-status.ts";
import { fanOutStatus } from "../../src/services/timelines/fan-out.ts";
import { accountRow, describeEachDatabase } from "../rig/index.ts";

const READERS = 1010;

describeEachDatabase("home fan-out in batches", (rig) => {
  const readers: string[] = [];
  const ids = () => rig().fixtures;
  // Readers in the second batch (ids ascend with creation), each with one rule.
  const german = () => readers[1003] as string;
  const exclusive = () => readers[1004] as string;
  const merged = () => readers[1005] as string;
  const noBoosts = () => readers[1006] as string;

  before(async () => {
    const { ctx } = rig();
    const now = ctx.clock.now().toISOString();
    for (let i = 0; i < READERS; i++) readers.push(ctx.newId());
    await ctx.db.transaction().execute(async (trx) => {
      for (let i = 0; i < READERS; i += 500) {
        const chunk = readers.slice(i, i + 500);
        await trx
          .insertInto("accounts")
          .values(chunk.map((id, j) => accountRow({ id, username: `r${i + j}`, domain: null })))
          .execute();
        await trx
          .insertInto("users")
          .values(
            chunk.map((id, j) => ({
              id: ctx.newId(),
              account_id: id,
              email: `r${i + j}@hearth.test`,
              password_hash: null,
              role: null,
              locale: "en",
              confirmed_at: now,
              last_active_at: now,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
        for (const target of [ids().alice.id, ids().bob.id])
          await trx
            .insertInto("follows")
            .values(
              chunk.map((id) => ({
                id: ctx.newId(),
                account_id: id,
                target_account_id: target,
                languages: id === german() && target === ids().alice.id ? '["de"]' : null,
                show_reblogs: !(id === noBoosts() && target === ids().bob.id),
                created_at: now,
                updated_at: now,
              })),
            )
            .execute();
      }
      const listId = ctx.newId();
      await trx
        .insertInto("lists")
        .values({
          id: listId,
          account_id: exclusive(),
          title: "alice only",
          replies_policy: "list",
          exclusive: true,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto("list_accounts")
        .values({ list_id: listId, account_id: ids().alice.id, follow_id: null, created_at: now })
        .execute();
    });
  });

  const homeOf = async (statusId: string) =>
    (
      await rig()
        .ctx.db.selectFrom("feed_entries")
        .select("feed_id")
        .where("feed", "=", "home")
        .where("status_id", "=", statusId)
        .execute()
    ).map((r) => String(r.feed_id));

  test("every rule holds across batches; a retry writes nothing twice", async () => {
    const { ctx } = rig();
    const posted = await createStatus(ctx, ids().alice.id, {
      text: "english, batched",
      visibility: "public",
      language: "en",
    });
    assert.equal(posted.type, "ok");
    if (posted.type !== "ok") return;
    const statusId = posted.status.id;
    // A merge (a follow just made) put it in one home before the job ran.
    await ctx.db
      .insertInto("feed_entries")
      .values({
        feed: "home",
        feed_id: merged(),
        status_id: statusId,
        account_id: ids().alice.id,
        reblog_of_id: null,
      })
      .execute();

    const delivered = await fanOutStatus(ctx, statusId);
    const expected = [
      ids().alice.id,
      ...readers.filter((r) => r !== german() && r !== exclusive()),
    ];
    assert.deepEqual([...delivered].sort(), [...expected].sort());
    assert.deepEqual((await homeOf(statusId)).sort(), [...expected].sort());

    // The job again (a retry): the same readers, no second row.
    assert.deepEqual([...(await fanOutStatus(ctx, statusId))].sort(), [...expected].sort());
    assert.equal((await homeOf(statusId)).length, expected.length);

    // Bob boosts it: only the homes without the post get the boost, not a follow with boosts off.
    const boosted = await reblog(ctx, ids().bob.id, statusId);
    assert.equal(boosted.type, "ok");
    if (boosted.type !== "ok") return;
    const boostDelivered = await fanOutStatus(ctx, boosted.boost.id);
    assert.deepEqual([...boostDelivered].sort(), [ids().bob.id, german(), exclusive()].sort());
    assert.deepEqual(
      (await homeOf(boosted.boost.id)).sort(),
      [ids().bob.id, german(), exclusive()].sort(),
    );
    // The boost's job again: the homes holding the post (the boost itself) get nothing.
    const again = await fanOutStatus(ctx, boosted.boost.id);
    assert.deepEqual([...again].sort(), [ids().bob.id].sort());
  });

  test("a post in a language a follow does not take, or with none", async () => {
    const { ctx } = rig();
    const posts: Record<string, string> = {};
    for (const language of ["de", "fr"]) {
      const posted = await createStatus(ctx, ids().alice.id, {
        text: `in ${language}`,
        visibility: "public",
        language,
      });
      assert.equal(posted.type, "ok");
      if (posted.type === "ok") posts[language] = posted.status.id;
    }
    const de = await fanOutStatus(ctx, posts.de as string);
    const fr = await fanOutStatus(ctx, posts.fr as string);
    assert.ok(de.includes(german()));
    assert.ok(!fr.includes(german()));
    assert.equal(fr.length, READERS - 1);
    assert.ok(!de.includes(exclusive()) && !fr.includes(exclusive()));
  });
});
