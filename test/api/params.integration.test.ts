// Request bodies in every format clients send, and the errors for bodies we cannot read.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { readPage, setPageLinks } from "../../src/api/pagination.ts";
import { readParams } from "../../src/api/params.ts";
import { assertSchema, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("request parameters", (rig) => {
  before(() => {
    // Test-only routes on this rig's app: echo what the parser made of the request.
    rig().app.all("/api/v1/__echo", async (c) => c.json(await readParams(c)));
    rig().app.get("/api/v1/__page", async (c) => {
      const page = readPage(await readParams(c));
      setPageLinks(c, page, ["300", "200", "100"].slice(0, page.limit));
      return c.json(page);
    });
  });

  test("JSON, form-urlencoded and multipart bodies all arrive as params", async () => {
    const json = await rig().send("POST", "/api/v1/__echo", {
      status: "hi",
      media_ids: ["1", "2"],
    });
    assert.deepEqual(json.body, { status: "hi", media_ids: ["1", "2"] });

    const form = await rig().send(
      "POST",
      "/api/v1/__echo",
      new URLSearchParams([
        ["status", "hi"],
        ["media_ids[]", "1"],
        ["media_ids[]", "2"],
        ["fields_attributes[0][name]", "a"],
      ]),
    );
    assert.deepEqual(form.body, {
      status: "hi",
      media_ids: ["1", "2"],
      fields_attributes: { "0": { name: "a" } },
    });

    const multipart = new FormData();
    multipart.append("display_name", "Alice");
    multipart.append("fields_attributes[0][value]", "v");
    const mp = await rig().send("PATCH", "/api/v1/__echo", multipart);
    assert.deepEqual(mp.body, {
      display_name: "Alice",
      fields_attributes: { "0": { value: "v" } },
    });
  });

  test("query parameters merge with the body, the body winning", async () => {
    const res = await rig().send("POST", "/api/v1/__echo?limit=5&id[]=1&id[]=2&a=query", {
      a: "body",
    });
    assert.deepEqual(res.body, { limit: "5", id: ["1", "2"], a: "body" });
  });

  test("DELETE may carry a body", async () => {
    const res = await rig().send(
      "DELETE",
      "/api/v1/__echo",
      new URLSearchParams({ domain: "bad.example" }),
    );
    assert.deepEqual(res.body, { domain: "bad.example" });
  });

  test("malformed JSON is a 400 with a message", async () => {
    const res = await rig().send("POST", "/api/v1/__echo", '{"status": ', {
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 400);
    assertSchema("Error", res.body);
    assert.match((res.body as { error: string }).error, /not valid JSON/);
  });

  test("a JSON body that is not an object is a 422", async () => {
    const res = await rig().send("POST", "/api/v1/__echo", "[1,2]", {
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 422);
    assertSchema("Error", res.body);
  });

  test("a malformed multipart body is a 400", async () => {
    const res = await rig().send("POST", "/api/v1/__echo", "--x\r\nnot a part", {
      headers: { "content-type": "multipart/form-data; boundary=zzz" },
    });
    assert.equal(res.status, 400);
    assertSchema("Error", res.body);
  });

  test("JSON and form bodies over 1 MiB are refused with 413", async () => {
    const big = JSON.stringify({ status: "x".repeat(1024 * 1024 + 10) });
    const res = await rig().send("POST", "/api/v1/__echo", big, {
      headers: { "content-type": "application/json" },
    });
    assert.equal(res.status, 413);
    assertSchema("Error", res.body);
  });

  test("pagination: limit clamps, bad ids are 422, Link header keeps other params", async () => {
    const full = await rig().get<{ limit: number }>("/api/v1/__page?limit=3&local=true&max_id=900");
    assert.equal(full.body.limit, 3);
    const link = full.headers.get("link") ?? "";
    assert.equal(
      link,
      `<${rig().url}/api/v1/__page?limit=3&local=true&max_id=100>; rel="next", <${rig().url}/api/v1/__page?limit=3&local=true&min_id=300>; rel="prev"`,
    );
    const partial = await rig().get("/api/v1/__page?limit=5");
    assert.doesNotMatch(
      partial.headers.get("link") ?? "",
      /rel="next"/,
      "no next link on a short page",
    );
    assert.match(partial.headers.get("link") ?? "", /rel="prev"/);
    assert.equal((await rig().get<{ limit: number }>("/api/v1/__page?limit=1000")).body.limit, 40);
    assert.equal((await rig().get<{ limit: number }>("/api/v1/__page?limit=-4")).body.limit, 20);
    assert.equal((await rig().get<{ limit: number }>("/api/v1/__page?limit=abc")).body.limit, 20);
    const bad = await rig().get("/api/v1/__page?max_id=abc");
    assert.equal(bad.status, 422);
    assertSchema("Error", bad.body);
    assert.equal((await rig().get("/api/v1/__page?since_id=99999999999999999999")).status, 422);
  });
});
