// `hide` filters beyond the REST timelines: notifications (v1, v2 grouped, both unread counts)
// whose status a `hide` filter for `notifications` matches are left out, and stream events
// (user and list: `home`; public and hashtag: `public`; notification events: `notifications`)
// are not sent to the viewer who hides them, while `warn` filters still send with `filtered`.
// Raw WebSockets, and masto.js's streaming client once.
import assert from "node:assert/strict";
import { afterEach, before, beforeEach, test } from "node:test";
import { createStreamingAPIClient, type mastodon } from "masto";
import { channels } from "../../src/domain/streaming.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json, notifications, ok, post, settle } from "./notifications-kit.ts";
import {
  allClosed,
  connect,
  listening,
  statusOf,
  type TestSocket,
  wsUrl,
} from "./streaming-kit.ts";

describeEachDatabase(
  "hide filters in notifications and streams",
  (rig) => {
    let alice = "";
    let bob = "";
    let admin = "";
    const ids = () => rig().fixtures;
    const sockets: TestSocket[] = [];
    const open = async (query: string, token: string) => {
      const socket = await connect(wsUrl(rig(), query), { protocols: [token] });
      sockets.push(socket);
      return socket;
    };
    const filter = async (
      token: string,
      context: string[],
      action: string,
      keyword: string,
    ): Promise<Json> =>
      ok(rig(), "POST", "/api/v2/filters", token, {
        title: `${action} ${keyword}`,
        context,
        filter_action: action,
        keywords_attributes: [{ keyword, whole_word: true }],
      });
    const publish = async (token: string, body: Record<string, unknown>) => {
      const s = await post(rig(), token, body);
      await settle(rig());
      return s.id as string;
    };

    before(async () => {
      alice = await createToken(rig().ctx, "alice", "read write follow");
      bob = await createToken(rig().ctx, "bob", "read write follow");
      admin = await createToken(rig().ctx, "admin", "read write follow");
      await ok(rig(), "POST", `/api/v1/accounts/${ids().alice.id}/follow`, bob);
      await settle(rig());
    });
    beforeEach(async () => {
      const db = rig().ctx.db;
      await db.deleteFrom("notifications").execute();
      await db.deleteFrom("markers").execute();
      await db.deleteFrom("custom_filters").execute();
    });
    afterEach(async () => {
      for (const s of sockets.splice(0)) await s.close();
      await allClosed(rig());
    });

    test("notifications: hide for `notifications` leaves them out of lists and counts", async () => {
      // Bob's own post matches too, but one's own posts are never filtered (as Mastodon).
      const favourited = await publish(bob, { status: "my spoilers post" });
      await ok(rig(), "POST", `/api/v1/statuses/${favourited}/favourite`, alice);
      await ok(rig(), "POST", `/api/v1/statuses/${favourited}/favourite`, admin);
      await settle(rig());
      const shown = await publish(alice, { status: "@bob lunch?" });
      const hidden = await publish(alice, { status: "@bob spoilers for the finale" });
      const unread = async () => [
        (await ok(rig(), "GET", "/api/v1/notifications/unread_count", bob)).count,
        (await ok(rig(), "GET", "/api/v2/notifications/unread_count", bob)).count,
      ];
      assert.deepEqual(await unread(), [4, 3]);

      // Wrong context and `warn` hide nothing.
      await filter(bob, ["home", "public"], "hide", "spoilers");
      const warn = await filter(bob, ["notifications"], "warn", "spoilers");
      const listed = await notifications(rig(), bob);
      assert.equal(listed.length, 4);
      const mention = listed.find((n) => n.status?.id === hidden);
      // `filtered` names every matching filter, whatever its context (as on timelines).
      assert.deepEqual(
        mention?.status.filtered.map((r: Json) => r.filter.filter_action),
        ["hide", "warn"],
      );
      assert.equal(mention?.status.filtered[1].filter.id, warn.id);
      assert.deepEqual(await unread(), [4, 3]);

      await filter(bob, ["notifications"], "hide", "spoilers");
      assert.deepEqual(
        (await notifications(rig(), bob)).map((n) => n.status?.id),
        [shown, favourited, favourited],
      );
      const grouped = await ok(rig(), "GET", "/api/v2/notifications", bob);
      assert.deepEqual(
        grouped.notification_groups.map((g: Json) => g.status_id),
        [shown, favourited],
      );
      assert.deepEqual(grouped.statuses.map((s: Json) => s.id).sort(), [shown, favourited].sort());
      assert.deepEqual(await unread(), [3, 2]);
      // Not by id either: v1 and v2 answer 404 for what the lists leave out.
      const hiddenMention = listed.find((n) => n.status?.id === hidden);
      const byId = await call(rig(), "GET", `/api/v1/notifications/${hiddenMention?.id}`, bob);
      assert.equal(byId.status, 404);
      const group = hiddenMention?.group_key;
      assert.equal((await call(rig(), "GET", `/api/v2/notifications/${group}`, bob)).status, 404);
      // The cap counts what is shown: the hidden one is newer than those shown.
      const capped = await ok(rig(), "GET", "/api/v1/notifications/unread_count?limit=1", bob);
      assert.equal(capped.count, 1);
      // A page of 1 whose notification is hidden comes back empty, and the Link header
      // still leads on to the shown one.
      const first = await call(rig(), "GET", "/api/v1/notifications?limit=1", bob);
      assert.deepEqual(first.body, []);
      const link = first.headers.get("link") ?? "";
      assert.match(link, /rel="next"/);
    });

    test("notifications: a filter naming the status hides it; an expired one does not", async () => {
      const s = await publish(alice, { status: "@bob nothing to match" });
      const f = await filter(bob, ["notifications"], "hide", "zzzunmatched");
      await ok(rig(), "POST", `/api/v2/filters/${f.id}/statuses`, bob, { status_id: s });
      assert.deepEqual(await notifications(rig(), bob), []);
      assert.equal((await ok(rig(), "GET", "/api/v1/notifications/unread_count", bob)).count, 0);
      // Expired: in force no more.
      await rig()
        .ctx.db.updateTable("custom_filters")
        .set({ expires_at: "2000-01-01T00:00:00.000Z" })
        .execute();
      assert.equal((await notifications(rig(), bob)).length, 1);
      assert.equal((await ok(rig(), "GET", "/api/v1/notifications/unread_count", bob)).count, 1);
      // Someone else's filter never hides bob's notifications.
      await filter(alice, ["notifications"], "hide", "nothing");
      assert.equal((await notifications(rig(), bob)).length, 1);
    });

    test("user and list streams: hide for `home` drops the update, blur sends `filtered`", async () => {
      const list = await ok(rig(), "POST", "/api/v1/lists", bob, { title: "close" });
      const added = await rig().send(
        "POST",
        `/api/v1/lists/${list.id}/accounts`,
        {
          account_ids: [ids().alice.id],
        },
        { headers: { authorization: `Bearer ${bob}` } },
      );
      assert.equal(added.status, 200);
      await filter(bob, ["home"], "hide", "election");
      const warn = await filter(bob, ["home"], "blur", "weather");
      // A hide filter for another context does not drop anything here.
      await filter(bob, ["public"], "hide", "weather");
      const user = await open("?stream=user", bob);
      const listed = await open(`?stream=list&list=${list.id}`, bob);
      await listening(rig(), channels.home(ids().bob.id));
      await listening(rig(), channels.list(list.id));
      await publish(alice, { status: "Election night!" });
      const next = await publish(alice, { status: "Weather is fine" });
      for (const socket of [user, listed]) {
        const status = statusOf(await socket.next((f) => f.event === "update"));
        assert.equal(status.id, next);
        assert.equal(status.filtered[0].filter.id, warn.id);
      }
      // One's own posts are never filtered: Bob sees his election post, without `filtered`.
      const mine = await publish(bob, { status: "My election weather take" });
      const own = statusOf(await user.next((f) => f.event === "update"));
      assert.equal(own.id, mine);
      assert.deepEqual(own.filtered, []);
      const home = await ok(rig(), "GET", "/api/v1/timelines/home?limit=1", bob);
      assert.equal(home[0].id, mine);
      assert.deepEqual(home[0].filtered, []);
    });

    test("public streams: hide for `public` drops the update for that viewer only", async () => {
      await filter(bob, ["public"], "hide", "election");
      const warn = await filter(bob, ["public", "home"], "warn", "weather");
      // The admin's filter for `home` only: shown in `filtered`, nothing dropped.
      await filter(admin, ["home"], "hide", "election");
      const bobs = await open("?stream=public:local", bob);
      const admins = await open("?stream=public:local", admin);
      const tagged = await open("?stream=hashtag&tag=news", bob);
      await listening(rig(), channels.public("local", false), 2);
      await listening(rig(), channels.hashtag("news", false));
      const election = await publish(alice, { status: "Election night! #news" });
      const weather = await publish(alice, { status: "Weather is fine #news" });
      const seenByAdmin = [
        statusOf(await admins.next((f) => f.event === "update")),
        statusOf(await admins.next((f) => f.event === "update")),
      ];
      assert.deepEqual(
        seenByAdmin.map((s) => s.id),
        [election, weather],
      );
      assert.deepEqual(seenByAdmin[0]?.filtered[0].filter.context, ["home"]);
      // The anonymous payload when nothing matches.
      assert.equal(seenByAdmin[1]?.filtered, undefined);
      for (const socket of [bobs, tagged]) {
        const status = statusOf(await socket.next((f) => f.event === "update"));
        assert.equal(status.id, weather);
        assert.equal(status.filtered[0].filter.id, warn.id);
        assert.deepEqual(status.filtered[0].keyword_matches, ["Weather"]);
      }
    });

    test("notification events: hide for `notifications` drops them from the stream", async () => {
      await filter(bob, ["notifications"], "hide", "spoilers");
      const socket = await open("?stream=user:notification", bob);
      await listening(rig(), channels.notifications(ids().bob.id));
      await publish(alice, { status: "@bob spoilers ahead" });
      const shown = await publish(alice, { status: "@bob hello" });
      const frame = await socket.next((f) => f.event === "notification");
      assert.equal(JSON.parse(frame.payload as string).status.id, shown);
    });

    test("masto.js's streaming client does not get what a hide filter removes", async () => {
      const bobMasto = masto(rig(), bob);
      await bobMasto.v2.filters.create({
        title: "No sport",
        context: ["home"],
        filterAction: "hide",
        keywordsAttributes: [{ keyword: "football", wholeWord: true }],
      });
      const instance = await bobMasto.v2.instance.fetch();
      const streaming = createStreamingAPIClient({
        streamingApiUrl: instance.configuration.urls.streaming,
        accessToken: bob,
        retry: false,
      });
      try {
        const updates = async (subscription: mastodon.streaming.Subscription) => {
          for await (const event of subscription) if (event.event === "update") return event;
          throw new Error("the subscription ended");
        };
        const home = updates(streaming.user.subscribe());
        await listening(rig(), channels.home(ids().bob.id));
        await publish(alice, { status: "Football tonight" });
        const shown = await publish(alice, { status: "Books tonight" });
        const event = await home;
        assert.equal(event.event === "update" && event.payload.id, shown);
      } finally {
        streaming.close();
      }
    });
  },
  { listen: true },
);
