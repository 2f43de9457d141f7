// /settings/aliases and /settings/migration as a browser uses them: every refused form
// (no CSRF token, bad or unknown address, oneself, the alias limit, a wrong password, a target
// that does not list us — read fresh from its server —, the 30-day cooldown) changes nothing;
// a move names the new account, sends Move to the remote followers and is shown on the page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addAlias, MAX_ALIASES } from "../../src/services/moves/aliases.ts";
import { setPassword } from "../api/oauth-kit.ts";
import { AS, accountByUri, type Remote, startRemote } from "../federation/inbox-kit.ts";
import { flushDeliveries } from "../federation/outbox-kit.ts";
import { accountRow, assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import { go, signedIn, submit } from "./settings-kit.ts";

const CONTEXT = [AS, { alsoKnownAs: { "@id": "as:alsoKnownAs", "@type": "@id" } }];

describeEachDatabase(
  "settings: aliases and migration",
  (rig) => {
    let remote: Remote;
    let jar: Awaited<ReturnType<typeof signedIn>>;
    const alice = () => rig().fixtures.alice;
    const aliceIri = () => `${rig().config.baseUrl}/ap/users/${alice().id}`;
    const aliases = () =>
      rig()
        .ctx.db.selectFrom("account_aliases")
        .selectAll()
        .where("account_id", "=", alice().id)
        .orderBy("id")
        .execute();
    const moveState = async () => ({
      movedTo: (
        await rig()
          .ctx.db.selectFrom("accounts")
          .select("moved_to_account_id")
          .where("id", "=", alice().id)
          .executeTakeFirstOrThrow()
      ).moved_to_account_id,
      migrations: (await rig().ctx.db.selectFrom("account_migrations").selectAll().execute())
        .length,
      moveJobs: (
        await rig()
          .ctx.db.selectFrom("jobs")
          .select("payload")
          .where("type", "=", "federation.deliver")
          .execute()
      ).filter((j) => JSON.stringify(j.payload).includes('"Move"')).length,
    });
    const unmoved = { movedTo: null, migrations: 0, moveJobs: 0 };

    before(async () => {
      remote = await startRemote();
      await setPassword(rig(), "alice");
      jar = await signedIn(rig(), alice().user);
    });
    after(async () => {
      await remote.close();
    });

    test("aliases: refusals change nothing; add, list, publish, remove", async () => {
      const anonymous = await rig().request("/settings/aliases");
      assert.equal(anonymous.status, 302);
      const forged = await go(rig(), jar, "/settings/aliases", { acct: "@bob" });
      assert.equal(forged.status, 403);
      for (const acct of ["not an address!", `@nobody@${remote.host}`, "@alice", ""]) {
        const res = await submit(rig(), jar, "/settings/aliases", "/settings/aliases", { acct });
        assert.equal(res.status, 422, `${acct}: ${res.status}`);
      }
      assert.deepEqual(await aliases(), []);
      const old = await remote.addActor("oldalice");
      const added = await submit(rig(), jar, "/settings/aliases", "/settings/aliases", {
        acct: `@oldalice@${remote.host}`,
      });
      assert.equal(added.status, 303);
      const page = await go(rig(), jar, "/settings/aliases");
      assert.match(page.text, new RegExp(`@oldalice@${remote.host.replace(/\./g, "\\.")}`));
      const [row] = await aliases();
      assert.equal(row?.uri, old);
      // Published in the actor, and an Update(Person) is on its way.
      const actor = (await (
        await rig().request(new URL(aliceIri()).pathname, {
          headers: { accept: "application/activity+json" },
        })
      ).json()) as { alsoKnownAs: unknown };
      assert.deepEqual([actor.alsoKnownAs].flat(), [old]);
      const update = await rig()
        .ctx.db.selectFrom("jobs")
        .select("id")
        .where("key", "=", `federation.update-actor:${alice().id}`)
        .executeTakeFirst();
      assert.ok(update);
      // The limit: with MAX_ALIASES listed, one more is refused.
      const at = rig().clock.now().toISOString();
      for (let i = 1; i < MAX_ALIASES; i++)
        await rig()
          .ctx.db.insertInto("account_aliases")
          .values({
            id: rig().ctx.newId(),
            account_id: alice().id,
            acct: `x${i}@elsewhere.test`,
            uri: `https://elsewhere.test/users/x${i}`,
            created_at: at,
          })
          .execute();
      const over = await submit(rig(), jar, "/settings/aliases", "/settings/aliases", {
        acct: "@bob",
      });
      assert.equal(over.status, 422);
      assert.equal((await aliases()).length, MAX_ALIASES);
      // Removing: someone else's or unknown ids are refused; one's own goes.
      const bad = await submit(rig(), jar, "/settings/aliases", "/settings/aliases/remove", {
        id: "1",
      });
      assert.equal(bad.status, 422);
      for (const a of await aliases()) {
        const res = await submit(rig(), jar, "/settings/aliases", "/settings/aliases/remove", {
          id: a.id,
        });
        assert.equal(res.status, 303);
      }
      assert.deepEqual(await aliases(), []);
    });

    test("migration: refused forms change nothing", async () => {
      await remote.addActor("newhome");
      const password = alice().user.password;
      const cases = [
        // Known after this (fetched), but it does not list alice.
        { acct: `@newhome@${remote.host}`, current_password: password },
        { acct: `@newhome@${remote.host}`, current_password: "wrong-password" },
        { acct: `@nobody@${remote.host}`, current_password: password },
        { acct: "@alice", current_password: password },
        { acct: "@@", current_password: password },
      ];
      for (const form of cases) {
        const res = await submit(rig(), jar, "/settings/migration", "/settings/migration", form);
        assert.equal(res.status, 422, `${JSON.stringify(form)}: ${res.status}`);
      }
      const forged = await go(rig(), jar, "/settings/migration", cases[0]!);
      assert.equal(forged.status, 403);
      assert.deepEqual(await moveState(), unmoved);
      assert.ok(await accountByUri(rig(), remote.actorUri("newhome")));
    });

    test("migration: to a target that now lists us (read fresh), then the cooldown", async () => {
      // The stored copy of newhome (previous test) has no alias; its server's document now has.
      const target = remote.actorUri("newhome");
      const doc = remote.objects.get("/users/newhome")!;
      remote.objects.set("/users/newhome", {
        ...doc,
        "@context": [...CONTEXT, "https://w3id.org/security/v1"],
        alsoKnownAs: [aliceIri()],
      });
      // A remote follower of alice, to receive the Move.
      const fanId = rig().ctx.newId();
      await rig()
        .ctx.db.insertInto("accounts")
        .values(
          accountRow({
            id: fanId,
            username: "fan",
            domain: remote.host,
            uri: remote.actorUri("fan"),
            inbox_url: `${remote.actorUri("fan")}/inbox`,
            shared_inbox_url: `${remote.base}/inbox`,
          }),
        )
        .execute();
      const at = rig().clock.now().toISOString();
      await rig()
        .ctx.db.insertInto("follows")
        .values({
          id: rig().ctx.newId(),
          account_id: fanId,
          target_account_id: alice().id,
          uri: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      const moved = await submit(rig(), jar, "/settings/migration", "/settings/migration", {
        acct: `@newhome@${remote.host}`,
        current_password: alice().user.password,
      });
      assert.equal(moved.status, 303, moved.text);
      const targetRow = await accountByUri(rig(), target);
      const state = await moveState();
      assert.equal(String(state.movedTo), String(targetRow?.id));
      assert.equal(state.migrations, 1);
      const page = await go(rig(), jar, "/settings/migration");
      assert.match(page.text, /has moved to/);
      remote.received.length = 0;
      await flushDeliveries(rig());
      const move = remote.received.find((r) => r.type === "Move");
      assert.ok(move, JSON.stringify(remote.received.map((r) => r.type)));
      assert.equal(move.actor, aliceIri());
      assert.equal(move.object, aliceIri());
      assert.equal(move.target, target);

      // Within 30 days another move is refused, even to an account that lists alice.
      assert.equal((await addAlias(rig().ctx, rig().fixtures.bob.id, "@alice")).type, "ok");
      const soon = await submit(rig(), jar, "/settings/migration", "/settings/migration", {
        acct: "@bob",
        current_password: alice().user.password,
      });
      assert.equal(soon.status, 422);
      assert.equal((await moveState()).migrations, 1);
      // 30 days later it is allowed.
      const monthAgo = new Date(rig().clock.now().getTime() - 31 * 24 * 3_600_000);
      await rig()
        .ctx.db.updateTable("account_migrations")
        .set({ created_at: monthAgo.toISOString() })
        .execute();
      const later = await submit(rig(), jar, "/settings/migration", "/settings/migration", {
        acct: "@bob",
        current_password: alice().user.password,
      });
      assert.equal(later.status, 303);
      assert.equal(String((await moveState()).movedTo), rig().fixtures.bob.id);
      // verify_credentials shows the move, as Mastodon's does.
      const token = await createToken(rig().ctx, "alice", "read");
      const own = await rig().get<{ moved?: { id: string } }>(
        "/api/v1/accounts/verify_credentials",
        { headers: { authorization: `Bearer ${token}` } },
      );
      assertSpec("GET", "/api/v1/accounts/verify_credentials", own.status, own.body);
      assert.equal(own.body.moved?.id, rig().fixtures.bob.id);
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
