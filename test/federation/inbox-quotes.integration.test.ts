// Quotes from other servers (FEP-044f, with the fallbacks of Misskey and Fedibird) and the
// answers to our QuoteRequests, over real HTTP from a fake remote server that signs.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { call, type Json, post } from "../api/statuses-kit.ts";
import { assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";
import {
  AS,
  deliverAndRun,
  fixture,
  PUBLIC,
  type Remote,
  startRemote,
  statusesByUri,
} from "./inbox-kit.ts";

const FEP044F = {
  quote: { "@id": "https://w3id.org/fep/044f#quote", "@type": "@id" },
  quoteAuthorization: { "@id": "https://w3id.org/fep/044f#quoteAuthorization", "@type": "@id" },
  QuoteAuthorization: "https://w3id.org/fep/044f#QuoteAuthorization",
  interactingObject: { "@id": "https://gotosocial.org/ns#interactingObject", "@type": "@id" },
  interactionTarget: { "@id": "https://gotosocial.org/ns#interactionTarget", "@type": "@id" },
  _misskey_quote: "https://misskey-hub.net/ns#_misskey_quote",
};

function create(object: Json): Json {
  return {
    "@context": [AS, FEP044F],
    id: `${object.id}/activity`,
    type: "Create",
    actor: object.attributedTo,
    to: [PUBLIC],
    object,
  };
}

function note(id: string, author: string, extra: Json = {}): Json {
  return { id, type: "Note", attributedTo: author, to: [PUBLIC], content: "<p>hi</p>", ...extra };
}

describeEachDatabase(
  "inbox quotes",
  (rig) => {
    let remote: Remote;
    let alice: string;
    before(async () => {
      remote = await startRemote();
      alice = await createToken(rig().ctx, "alice", "read write");
    });
    after(async () => {
      await remote.close();
    });

    async function entityOf(uri: string): Promise<Json> {
      const [row] = await statusesByUri(rig(), uri);
      assert.ok(row !== undefined, `stored ${uri}`);
      const res = await call(rig(), "GET", `/api/v1/statuses/${row.id}`, alice);
      assert.equal(res.status, 200);
      assertSpec("GET", "/api/v1/statuses/{id}", 200, res.body);
      return res.body as Json;
    }

    const quotesCount = async (id: string) =>
      (await call(rig(), "GET", `/api/v1/statuses/${id}`, alice)).body.quotes_count;

    test("our Notes carry quote, its fallbacks and interactionPolicy.canQuote", async () => {
      const ap = async (id: unknown) =>
        (
          await rig().get<Json>(`/ap/statuses/${id}`, {
            headers: { accept: "application/activity+json" },
          })
        ).body;
      const first = await post(rig(), alice, { status: "first" });
      const second = await post(rig(), alice, {
        status: "second",
        quoted_status_id: String(first.id),
      });
      const note = await ap(second.id);
      assert.equal(note.quote, first.uri);
      assert.equal(note.quoteUrl, first.uri);
      assert.equal(note._misskey_quote, first.uri);
      const canQuote = (note.interactionPolicy as Json).canQuote as Json;
      assert.ok([PUBLIC, "as:Public"].includes(canQuote.automaticApproval as string));
      const closed = await post(rig(), alice, { status: "mine", quote_approval_policy: "nobody" });
      const closedNote = await ap(closed.id);
      assert.equal(closedNote.quote, undefined);
      assert.equal(
        ((closedNote.interactionPolicy as Json).canQuote as Json).automaticApproval,
        `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`,
      );
    });

    test("the FEP-044f fixture quoting our public post: accepted and counted", async () => {
      const bob = await remote.addActor("bob");
      const quoted = await post(rig(), alice, { status: "quote me" });
      const object = fixture("fep/fep-044f-quote-note-with-fallbacks.json", {
        "https://example.com/users/alice/statuses/1": quoted.uri as string,
        "https://example.com/users/alice": `${rig().config.baseUrl}/ap/users/${rig().fixtures.alice.id}`,
        "https://example.com/users/bob": bob,
      });
      delete object["@context"];
      await deliverAndRun(rig(), remote, "bob", create(object));
      const quoting = await entityOf(object.id as string);
      const quote = quoting.quote as Json;
      assert.equal(quote.state, "accepted");
      assert.equal((quote.quoted_status as Json).id, quoted.id);
      assert.equal(await quotesCount(quoted.id as string), 1);
      // Delivered again: still one quote.
      await deliverAndRun(rig(), remote, "bob", { ...create(object), id: `${object.id}/again` });
      assert.equal(await quotesCount(quoted.id as string), 1);
    });

    test("a quote of our private post is rejected and reveals nothing", async () => {
      const eve = await remote.addActor("eve");
      const secret = await post(rig(), alice, { status: "secret", visibility: "private" });
      const id = `${eve}/notes/q-private`;
      await deliverAndRun(rig(), remote, "eve", create(note(id, eve, { quote: secret.uri })));
      const quote = (await entityOf(id)).quote as Json;
      assert.equal(quote.state, "rejected");
      assert.equal(quote.quoted_status, null);
      assert.equal(await quotesCount(secret.id as string), 0);
    });

    test("a quote of another server's post: accepted only with a matching stamp", async () => {
      const carol = await remote.addActor("carol");
      const dan = await remote.addActor("dan");
      const original = `${carol}/notes/original`;
      remote.objects.set(new URL(original).pathname, { "@context": AS, ...note(original, carol) });
      const stamp = (n: number, quoting: string, target: string, by = carol): string => {
        const uri = `${carol}/stamps/${n}`;
        remote.objects.set(new URL(uri).pathname, {
          "@context": [AS, FEP044F],
          id: uri,
          type: "QuoteAuthorization",
          attributedTo: by,
          interactingObject: quoting,
          interactionTarget: target,
        });
        return uri;
      };
      const q1 = `${dan}/notes/q1`;
      const good = stamp(1, q1, original);
      await deliverAndRun(
        rig(),
        remote,
        "dan",
        create(note(q1, dan, { quote: original, quoteAuthorization: good })),
      );
      assert.equal(((await entityOf(q1)).quote as Json).state, "accepted");
      // A stamp for another quote, one signed by someone else, none at all: pending.
      const q2 = `${dan}/notes/q2`;
      const q3 = `${dan}/notes/q3`;
      const q4 = `${dan}/notes/q4`;
      await deliverAndRun(
        rig(),
        remote,
        "dan",
        create(note(q2, dan, { quote: original, quoteAuthorization: good })),
      );
      await deliverAndRun(
        rig(),
        remote,
        "dan",
        create(note(q3, dan, { quote: original, quoteAuthorization: stamp(3, q3, original, dan) })),
      );
      await deliverAndRun(
        rig(),
        remote,
        "dan",
        create(note(q4, dan, { _misskey_quote: original })),
      );
      for (const uri of [q2, q3, q4])
        assert.equal(((await entityOf(uri)).quote as Json).state, "pending", uri);
      const [row] = await statusesByUri(rig(), original);
      assert.equal(Number(row?.quotes_count), 1);
    });

    test("a QuoteRequest for our post: Accept with a stamp we serve, or Reject", async () => {
      const kim = await remote.addActor("kim");
      const open = await post(rig(), alice, { status: "quotable" });
      const closed = await post(rig(), alice, {
        status: "followers only",
        quote_approval_policy: "followers",
      });
      const request = (n: number, target: Json): Json => ({
        "@context": [AS, FEP044F, { QuoteRequest: "https://w3id.org/fep/044f#QuoteRequest" }],
        id: `${kim}/quote-requests/${n}`,
        type: "QuoteRequest",
        actor: kim,
        object: target.uri,
        instrument: note(`${kim}/notes/qr${n}`, kim, { quote: target.uri }),
      });
      const before = remote.received.length;
      await deliverAndRun(rig(), remote, "kim", request(1, open));
      const accept = remote.received.slice(before).find((b) => b.type === "Accept");
      assert.ok(accept !== undefined, "an Accept was delivered");
      const stamp = accept.result as string;
      assert.ok(stamp.startsWith(`${rig().config.baseUrl}/ap/quote-authorizations/`));
      const served = await rig().get<Json>(new URL(stamp).pathname, {
        headers: { accept: "application/activity+json" },
      });
      assert.equal(served.status, 200);
      assert.equal(served.body.type, "QuoteAuthorization");
      assert.equal(served.body.interactingObject, `${kim}/notes/qr1`);
      assert.equal(served.body.interactionTarget, open.uri);
      assert.equal(((await entityOf(`${kim}/notes/qr1`)).quote as Json).state, "accepted");
      assert.equal(await quotesCount(open.id as string), 1);
      // The same request again: the same stamp, counted once.
      await deliverAndRun(rig(), remote, "kim", { ...request(1, open), id: `${kim}/qr/again` });
      const accepts = remote.received.slice(before).filter((b) => b.type === "Accept");
      assert.equal(accepts.at(-1)?.result, stamp);
      assert.equal(await quotesCount(open.id as string), 1);

      const mark = remote.received.length;
      await deliverAndRun(rig(), remote, "kim", request(2, closed));
      assert.ok(remote.received.slice(mark).some((b) => b.type === "Reject"));
      assert.equal(((await entityOf(`${kim}/notes/qr2`)).quote as Json).state, "rejected");
      assert.equal(await quotesCount(closed.id as string), 0);
      // No stamp for a quote that is not accepted.
      const [row] = await rig()
        .ctx.db.selectFrom("quotes")
        .select("id")
        .where("quoted_status_id", "=", String(closed.id))
        .execute();
      const none = await rig().get(`/ap/quote-authorizations/${row?.id}`, {
        headers: { accept: "application/activity+json" },
      });
      assert.equal(none.status, 404);
    });

    test("Accept and Reject of our QuoteRequest, only from the quoted author", async () => {
      const frank = await remote.addActor("frank");
      const mallory = await remote.addActor("mallory2");
      const theirs = `${frank}/notes/quotable`;
      const canQuote = { interactionPolicy: { canQuote: { automaticApproval: PUBLIC } } };
      await deliverAndRun(rig(), remote, "frank", create(note(theirs, frank, canQuote)));
      const [row] = await statusesByUri(rig(), theirs);
      // canQuote is stored as received; a post of a server without quote support cannot be
      // quoted (Mastodon).
      const shown = await call(rig(), "GET", `/api/v1/statuses/${row!.id}`, alice);
      assert.deepEqual((shown.body.quote_approval as Json).automatic, ["public"]);
      const plain = `${frank}/notes/plain`;
      await deliverAndRun(rig(), remote, "frank", create(note(plain, frank)));
      const [plainRow] = await statusesByUri(rig(), plain);
      const refused = await call(rig(), "POST", "/api/v1/statuses", alice, {
        status: "nope",
        quoted_status_id: String(plainRow!.id),
      });
      assert.equal(refused.status, 404);
      const mine = await post(rig(), alice, { status: "look", quoted_status_id: String(row!.id) });
      assert.equal((mine.quote as Json).state, "pending");
      const answer = (type: string, by: string, n: number, result?: string): Json => ({
        "@context": [AS, FEP044F],
        id: `${by}/answers/${n}`,
        type,
        actor: by,
        object: `${mine.uri}#quote-request/abc`,
        ...(result === undefined ? {} : { result }),
      });
      const stateOf = async () =>
        ((await call(rig(), "GET", `/api/v1/statuses/${mine.id}`, alice)).body.quote as Json).state;
      // Someone else's Accept, an Accept without a stamp: nothing changes.
      await deliverAndRun(
        rig(),
        remote,
        "mallory2",
        answer("Accept", mallory, 1, `${mallory}/s/1`),
      );
      await deliverAndRun(rig(), remote, "frank", answer("Accept", frank, 2));
      assert.equal(await stateOf(), "pending");
      await deliverAndRun(rig(), remote, "frank", answer("Accept", frank, 3, `${frank}/stamps/9`));
      assert.equal(await stateOf(), "accepted");
      assert.equal(Number((await statusesByUri(rig(), theirs))[0]?.quotes_count), 1);
      const [quote] = await rig()
        .ctx.db.selectFrom("quotes")
        .select("approval_uri")
        .where("status_id", "=", String(mine.id))
        .execute();
      assert.equal(quote?.approval_uri, `${frank}/stamps/9`);
      // A later Reject does not undo an accepted quote (a revocation is a Delete of the stamp).
      await deliverAndRun(rig(), remote, "frank", answer("Reject", frank, 4));
      assert.equal(await stateOf(), "accepted");

      const other = await post(rig(), alice, {
        status: "again",
        quoted_status_id: String(row!.id),
      });
      const reject: Json = {
        "@context": AS,
        id: `${frank}/answers/5`,
        type: "Reject",
        actor: frank,
        object: `${other.uri}#quote-request/def`,
      };
      await deliverAndRun(rig(), remote, "frank", reject);
      const res = await call(rig(), "GET", `/api/v1/statuses/${other.id}`, alice);
      assert.equal((res.body.quote as Json).state, "rejected");
    });
  },
  { listen: true, env: { HEARTH_ALLOW_PRIVATE_FEDERATION: "true" } },
);
