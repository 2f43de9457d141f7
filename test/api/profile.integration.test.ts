// DELETE /api/v1/profile/avatar and /header, and GET /api/v1/preferences.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { blob, pngImage } from "../media/fixtures.ts";
import {
  assertAuthEnforced,
  assertSchema,
  assertSpec,
  createToken,
  describeEachDatabase,
} from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

describeEachDatabase("profile pictures and preferences", (rig) => {
  let token: string;
  const auth = () => ({ headers: { authorization: `Bearer ${token}` } });

  before(async () => {
    token = await createToken(rig().ctx, "bob", "read write");
  });

  test("the endpoints enforce their token and scopes", async () => {
    for (const kind of ["avatar", "header"]) {
      await assertAuthEnforced(rig(), {
        method: "DELETE",
        path: `/api/v1/profile/${kind}`,
        scope: "write:accounts",
      });
    }
    await assertAuthEnforced(rig(), {
      method: "GET",
      path: "/api/v1/preferences",
      scope: "read:accounts",
    });
  });

  test("deleting the avatar and header brings back the defaults and removes the files", async () => {
    const form = new FormData();
    form.set("avatar", blob(await pngImage(), "image/png"), "a.png");
    form.set("header", blob(await pngImage(), "image/png"), "h.png");
    const set = await rig().send<Json>(
      "PATCH",
      "/api/v1/accounts/update_credentials",
      form,
      auth(),
    );
    assert.equal(set.status, 200);
    const avatarPath = new URL(set.body.avatar).pathname;
    const headerPath = new URL(set.body.header).pathname;
    assert.equal((await rig().request(avatarPath)).status, 200);

    const res = await rig().send<Json>("DELETE", "/api/v1/profile/avatar", undefined, auth());
    assert.equal(res.status, 200);
    assertSpec("DELETE", "/api/v1/profile/avatar", 200, res.body);
    assert.equal(res.body.avatar, "https://hearth.test/avatars/original/missing.png");
    assert.equal(res.body.avatar_static, res.body.avatar);
    assert.equal(res.body.header, set.body.header);
    assert.ok("source" in res.body && "role" in res.body);
    assert.equal((await rig().request(avatarPath)).status, 404);

    const header = await rig().send<Json>("DELETE", "/api/v1/profile/header", undefined, auth());
    assert.equal(header.status, 200);
    assertSpec("DELETE", "/api/v1/profile/header", 200, header.body);
    assert.equal(header.body.header, "https://hearth.test/headers/original/missing.png");
    assert.equal((await rig().request(headerPath)).status, 404);
    // Nothing to delete is fine too.
    const again = await rig().send<Json>("DELETE", "/api/v1/profile/header", undefined, auth());
    assert.equal(again.status, 200);
  });

  test("preferences have every key, and follow source[...] changes", async () => {
    const read = async () => {
      const res = await rig().get<Json>("/api/v1/preferences", auth());
      assert.equal(res.status, 200);
      assertSchema("Preferences", res.body);
      return res.body;
    };
    assert.deepEqual(await read(), {
      "posting:default:visibility": "public",
      "posting:default:sensitive": false,
      "posting:default:language": null,
      "posting:default:quote_policy": "public",
      "reading:expand:media": "default",
      "reading:expand:spoilers": false,
      "reading:autoplay:gifs": false,
    });
    const form = new FormData();
    form.set("source[privacy]", "private");
    form.set("source[sensitive]", "true");
    form.set("source[language]", "fr");
    const res = await rig().send("PATCH", "/api/v1/accounts/update_credentials", form, auth());
    assert.equal(res.status, 200);
    const after = await read();
    assert.equal(after["posting:default:visibility"], "private");
    assert.equal(after["posting:default:sensitive"], true);
    assert.equal(after["posting:default:language"], "fr");
  });
});
