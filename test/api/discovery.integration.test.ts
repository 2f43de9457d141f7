// Discovery documents: NodeInfo (validated against the NodeInfo schemas) and host-meta.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { beforeEach, test } from "node:test";
import { Ajv, type ValidateFunction } from "ajv";
import { saveSetting } from "../../src/repos/instance-settings.ts";
import { forgetInstanceStats } from "../../src/services/instance/get-instance-info.ts";
import { HEARTH_VERSION, SOURCE_URL } from "../../src/version.ts";
import { describeEachDatabase, FIXED_TIME } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: documents are checked against their schemas
type Json = any;

const ajv = new Ajv({ allErrors: true, strict: true });
const validators: Record<"2.0" | "2.1", ValidateFunction> = {
  "2.0": ajv.compile(schema("2.0")),
  "2.1": ajv.compile(schema("2.1")),
};

function schema(version: string): object {
  const file = new URL(`../fixtures/nodeinfo-${version}.schema.json`, import.meta.url);
  return JSON.parse(readFileSync(file, "utf8"));
}

function assertNodeInfo(version: "2.0" | "2.1", body: unknown): void {
  const validate = validators[version];
  if (!validate(body)) {
    const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`);
    assert.fail(`not NodeInfo ${version}:\n  ${errors.join("\n  ")}`);
  }
}

const HOST_META_XML = `<?xml version="1.0" encoding="UTF-8"?>
<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">
  <Link rel="lrdd" template="https://hearth.test/.well-known/webfinger?resource={uri}"/>
</XRD>
`;

const HOST_META_JRD = {
  links: [{ rel: "lrdd", template: "https://hearth.test/.well-known/webfinger?resource={uri}" }],
};

describeEachDatabase("discovery", (rig) => {
  beforeEach(async () => {
    await rig().ctx.db.deleteFrom("instance_settings").execute();
  });

  test("the schemas reject what NodeInfo forbids", () => {
    assert.equal(validators["2.0"]({ version: "2.0" }), false);
    const good = {
      version: "2.0",
      software: { name: "hearth", version: "1" },
      protocols: ["activitypub"],
      services: { inbound: [], outbound: [] },
      openRegistrations: false,
      usage: { users: {} },
      metadata: {},
    };
    assert.equal(validators["2.0"](good), true);
    assert.equal(
      validators["2.0"]({ ...good, software: { ...good.software, homepage: "x" } }),
      false,
    );
    assert.equal(validators["2.0"]({ ...good, software: { name: "Hearth", version: "1" } }), false);
    assert.equal(validators["2.1"]({ ...good, version: "2.1", protocols: ["smtp"] }), false);
  });

  test("/.well-known/nodeinfo links to 2.0 and 2.1, readable from browsers", async () => {
    const res = await rig().get<Json>("/.well-known/nodeinfo", {
      headers: { origin: "https://elk.zone" },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/json/);
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.deepEqual(res.body, {
      links: [
        {
          rel: "http://nodeinfo.diaspora.software/ns/schema/2.0",
          href: "https://hearth.test/nodeinfo/2.0",
        },
        {
          rel: "http://nodeinfo.diaspora.software/ns/schema/2.1",
          href: "https://hearth.test/nodeinfo/2.1",
        },
      ],
    });
  });

  test("each linked document is valid NodeInfo with the schema's profile", async () => {
    const index = (await rig().get<Json>("/.well-known/nodeinfo")).body;
    for (const link of index.links) {
      const version = link.rel.split("/").pop() as "2.0" | "2.1";
      const res = await rig().get<Json>(new URL(link.href).pathname, {
        headers: { origin: "https://elk.zone" },
      });
      assert.equal(res.status, 200);
      assert.equal(
        res.headers.get("content-type"),
        `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/${version}#"`,
      );
      assert.equal(res.headers.get("access-control-allow-origin"), "*");
      assertNodeInfo(version, res.body);
      assert.equal(res.body.version, version);
    }
  });

  test("NodeInfo 2.0 and 2.1 report the software, usage and settings", async () => {
    const v20 = (await rig().get<Json>("/nodeinfo/2.0")).body;
    assert.deepEqual(v20, {
      version: "2.0",
      software: { name: "hearth", version: HEARTH_VERSION },
      protocols: ["activitypub"],
      services: { inbound: [], outbound: [] },
      // New servers approve sign-ups: not open in NodeInfo's sense.
      openRegistrations: false,
      usage: { users: { total: 3, activeMonth: 3, activeHalfyear: 3 }, localPosts: 0 },
      metadata: {
        nodeName: "Hearth",
        nodeDescription: "A small, friendly corner of the fediverse.",
      },
    });
    const v21 = (await rig().get<Json>("/nodeinfo/2.1")).body;
    assertNodeInfo("2.1", v21);
    assert.deepEqual(v21, {
      ...v20,
      version: "2.1",
      software: { ...v20.software, repository: SOURCE_URL, homepage: SOURCE_URL },
    });
  });

  test("NodeInfo follows settings and activity", async () => {
    const db = rig().ctx.db;
    const { alice, bob } = rig().fixtures;
    await saveSetting(db, "registrations", "open", new Date(FIXED_TIME));
    await saveSetting(db, "title", "Kitchen Table", new Date(FIXED_TIME));
    await db
      .updateTable("accounts")
      .set({ statuses_count: 4 })
      .where("id", "=", alice.id)
      .execute();
    // Bob was last seen 60 days ago: active this half-year, not this month.
    const sixtyDaysAgo = new Date(Date.parse(FIXED_TIME) - 60 * 86_400_000).toISOString();
    await db
      .updateTable("users")
      .set({ last_active_at: sixtyDaysAgo })
      .where("account_id", "=", bob.id)
      .execute();
    // Counts are cached for a minute; these rows were written behind the services' back.
    forgetInstanceStats(rig().ctx);
    try {
      for (const version of ["2.0", "2.1"] as const) {
        const body = (await rig().get<Json>(`/nodeinfo/${version}`)).body;
        assertNodeInfo(version, body);
        assert.equal(body.openRegistrations, true);
        assert.equal(body.metadata.nodeName, "Kitchen Table");
        assert.deepEqual(body.usage, {
          users: { total: 3, activeMonth: 2, activeHalfyear: 3 },
          localPosts: 4,
        });
      }
      await saveSetting(db, "registrations", "closed", new Date(FIXED_TIME));
      assert.equal((await rig().get<Json>("/nodeinfo/2.0")).body.openRegistrations, false);
    } finally {
      await db
        .updateTable("accounts")
        .set({ statuses_count: 0 })
        .where("id", "=", alice.id)
        .execute();
      await db
        .updateTable("users")
        .set({ last_active_at: FIXED_TIME })
        .where("account_id", "=", bob.id)
        .execute();
    }
  });

  test("unknown NodeInfo versions are 404", async () => {
    for (const path of ["/nodeinfo/1.0", "/nodeinfo/2.2", "/nodeinfo/2.0.json"]) {
      const res = await rig().get(path);
      assert.equal(res.status, 404, path);
    }
  });

  test("host-meta is XRD naming the WebFinger template", async () => {
    const res = await rig().get("/.well-known/host-meta", {
      headers: { origin: "https://example.social" },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/xrd+xml; charset=utf-8");
    assert.equal(res.headers.get("access-control-allow-origin"), "*");
    assert.equal(res.text, HOST_META_XML);
    for (const accept of [
      "application/xrd+xml",
      "*/*",
      "application/xml, application/json;q=0.5",
    ]) {
      const xml = await rig().get("/.well-known/host-meta", { headers: { accept } });
      assert.equal(xml.text, HOST_META_XML, accept);
    }
  });

  test("host-meta.json, and host-meta asked for JSON, are JRD", async () => {
    const json = await rig().get("/.well-known/host-meta.json");
    assert.equal(json.status, 200);
    assert.equal(json.headers.get("content-type"), "application/json");
    assert.deepEqual(json.body, HOST_META_JRD);
    for (const accept of [
      "application/json",
      "application/jrd+json",
      "application/xml;q=0.1, application/json",
    ]) {
      const res = await rig().get("/.well-known/host-meta", { headers: { accept } });
      assert.equal(res.headers.get("content-type"), "application/json", accept);
      assert.deepEqual(res.body, HOST_META_JRD, accept);
    }
  });
});
