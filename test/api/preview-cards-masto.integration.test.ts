// Preview cards and trending links as masto.js (Phanpy, Elk) reads them over HTTP.
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import type { AppContext } from "../../src/context.ts";
import { jobHandlers } from "../../src/jobs/handlers.ts";
import { ensureRecurringJobs, runDueJobs } from "../../src/jobs/worker.ts";
import { fetchStatusCard } from "../../src/services/cards/fetch-card.ts";
import { reviewTrend } from "../../src/services/trends/review-trend.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

let server: Server;
let base = "";

before(async () => {
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(
      `<html><head><meta property="og:title" content="Kettles"><meta property="og:description" content="On kettles."><meta property="og:image" content="https://img.example/k.png"></head></html>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachDatabase(
  "preview cards through masto.js",
  (rig) => {
    test("a card on the status, the link trending, its timeline", async () => {
      const handlers = {
        ...jobHandlers,
        "status.fetch-card": {
          run: (ctx: AppContext, p: { statusId: string }) =>
            fetchStatusCard(ctx, p.statusId, { allowedPrivate: ["127.0.0.1/32"] }),
        },
      };
      await rig()
        .ctx.db.updateTable("accounts")
        .set({ discoverable: true })
        .where("domain", "is", null)
        .execute();
      const url = `${base}/kettles`;
      const ids: string[] = [];
      for (const name of ["alice", "bob", "admin"] as const) {
        const client = masto(rig(), await createToken(rig().ctx, name, "read write"));
        ids.push((await client.v1.statuses.create({ status: `read ${url}` })).id);
      }
      await ensureRecurringJobs(rig().ctx);
      rig().clock.advance(5 * 60_000);
      await runDueJobs(rig().ctx, { handlers });
      const reader = masto(rig(), await createToken(rig().ctx, "bob", "read"));
      const status = await reader.v1.statuses.$select(ids[0] as string).fetch();
      assert.equal(status.card?.title, "Kettles");
      assert.equal(status.card?.image, "https://img.example/k.png");
      assert.equal(status.card?.url, url);

      // Scored when the cards existed; shown once approved.
      rig().clock.advance(5 * 60_000);
      await runDueJobs(rig().ctx, { handlers });
      assert.deepEqual(await reader.v1.trends.links.list(), []);
      await reviewTrend(rig().ctx, "link", url, "approved");
      const links = await reader.v1.trends.links.list();
      assert.deepEqual(
        links.map((l) => l.url),
        [url],
      );
      assert.equal(links[0]?.history[0]?.accounts, "3");
      const timeline = await reader.v1.timelines.link.list({ url });
      assert.deepEqual(
        timeline.map((s) => s.id),
        [...ids].reverse(),
      );
    });
  },
  { listen: true },
);
