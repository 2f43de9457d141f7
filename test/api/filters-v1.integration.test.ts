// Filters v1 (deprecated in Mastodon 4.0, still used by older clients): each v1 filter is one
// keyword of a v2 filter; irreversible is the hide action; multi-keyword filters refuse changes
// to their settings through v1; deleting removes the keyword only.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { assertSchema, createToken, describeEachDatabase } from "../rig/index.ts";
import { call, type Json } from "./statuses-kit.ts";

describeEachDatabase("filters v1", (rig) => {
  let bob = "";
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(rig(), method, path, token, body);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    return res.body as Json;
  };
  const raw = (method: string, path: string, token: string, body?: unknown) =>
    rig().send<Json>(method, path, body, { headers: { authorization: `Bearer ${token}` } });
  const empty = async (method: string, path: string, token: string) => {
    const res = await raw(method, path, token);
    assert.equal(res.status, 200, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.deepEqual(res.body, {});
  };

  before(async () => {
    bob = await createToken(rig().ctx, "bob", "read write");
  });

  test("v1 filters map onto v2 keywords", async () => {
    const v1 = await ok("POST", "/api/v1/filters", bob, {
      phrase: "politics",
      context: ["home", "notifications"],
      irreversible: true,
      whole_word: false,
    });
    assert.deepEqual(
      { ...v1, id: undefined },
      {
        id: undefined,
        phrase: "politics",
        context: ["home", "notifications"],
        expires_at: null,
        irreversible: true,
        whole_word: false,
      },
    );
    const v2 = (await ok("GET", "/api/v2/filters", bob)).find((f: Json) => f.title === "politics");
    assert.equal(v2.filter_action, "hide");
    assert.equal(v2.keywords[0].id, v1.id);
    // The spec documents this list as one V1Filter (its own text says "List of"): check items.
    const listed = await raw("GET", "/api/v1/filters", bob);
    assert.equal(listed.status, 200);
    for (const f of listed.body) assertSchema("V1Filter", f);
    assert.ok(listed.body.some((f: Json) => f.id === v1.id));
    const changed = await ok("PUT", `/api/v1/filters/${v1.id}`, bob, {
      phrase: "elections",
      context: ["public"],
      irreversible: false,
    });
    assert.equal(changed.phrase, "elections");
    assert.deepEqual(changed.context, ["public"]);
    assert.equal(changed.irreversible, false);
    // A filter with two keywords cannot have its settings changed through one of them.
    await ok("POST", `/api/v2/filters/${v2.id}/keywords`, bob, { keyword: "second" });
    const refused = await raw("PUT", `/api/v1/filters/${v1.id}`, bob, { context: ["home"] });
    assert.equal(refused.status, 422);
    await empty("DELETE", `/api/v1/filters/${v1.id}`, bob);
    assert.equal((await raw("GET", `/api/v1/filters/${v1.id}`, bob)).status, 404);
    assert.equal((await ok("GET", `/api/v2/filters/${v2.id}`, bob)).keywords.length, 1);
    await empty("DELETE", `/api/v2/filters/${v2.id}`, bob);
  });
});
