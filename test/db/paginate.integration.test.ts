// The query side of pagination, on both databases, over 64-bit ids that JavaScript numbers
// cannot hold exactly.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { inDisplayOrder, type Page, paginate } from "../../src/db/queries/paginate.ts";
import { accountRow, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "paginate",
  (rig) => {
    // Ten accounts whose ids differ only in the low bits, beyond Number.MAX_SAFE_INTEGER.
    const ids = Array.from({ length: 10 }, (_, i) =>
      (9007199254740993n + BigInt(i) * 2n).toString(),
    );

    before(async () => {
      for (const [i, id] of ids.entries()) {
        await rig()
          .ctx.db.insertInto("accounts")
          .values(accountRow({ id, username: `u${i}`, domain: null }))
          .execute();
      }
    });

    async function page(p: Page): Promise<string[]> {
      const rows = await paginate(
        rig().ctx.db.selectFrom("accounts").select("id").where("username", "like", "u%"),
        "accounts.id",
        p,
      ).execute();
      return inDisplayOrder(rows, p).map((r) => r.id);
    }

    test("newest first, limited", async () => {
      assert.deepEqual(await page({ limit: 3 }), [ids[9], ids[8], ids[7]]);
    });

    test("max_id pages backwards, exclusive, exact at 64 bits", async () => {
      assert.deepEqual(await page({ limit: 2, maxId: ids[5] }), [ids[4], ids[3]]);
    });

    test("since_id gives the newest items after it", async () => {
      assert.deepEqual(await page({ limit: 2, sinceId: ids[1] }), [ids[9], ids[8]]);
    });

    test("min_id gives the items just after it, still newest first", async () => {
      assert.deepEqual(await page({ limit: 2, minId: ids[1] }), [ids[3], ids[2]]);
    });

    test("max_id and since_id together bound both ends", async () => {
      assert.deepEqual(await page({ limit: 20, maxId: ids[4], sinceId: ids[1] }), [ids[3], ids[2]]);
    });
  },
  { seed: false },
);
