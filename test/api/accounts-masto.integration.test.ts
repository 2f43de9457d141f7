// The profile as masto.js (Phanpy, Elk) reads and edits it, over real HTTP.
import assert from "node:assert/strict";
import { test } from "node:test";
import { animatedGif } from "../media/fixtures.ts";
import { masto } from "../rig/clients.ts";
import { createToken, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase(
  "profile through masto.js",
  (rig) => {
    test("verifyCredentials and updateCredentials with an avatar upload", async () => {
      const client = masto(rig(), await createToken(rig().ctx, "alice", "read write"));
      const me = await client.v1.accounts.verifyCredentials();
      assert.equal(me.username, "alice");
      assert.equal(me.source.privacy, "public");
      assert.equal(me.role?.permissions, "65536");

      const gif = await animatedGif();
      const updated = await client.v1.accounts.updateCredentials({
        displayName: "Alice in Wonderland",
        note: "Down the rabbit hole",
        avatar: new Blob([gif as Uint8Array<ArrayBuffer>], { type: "image/gif" }),
        source: { privacy: "unlisted", language: "en" },
        fieldsAttributes: [{ name: "Home", value: "https://wonderland.example" }],
      });
      assert.equal(updated.displayName, "Alice in Wonderland");
      assert.equal(updated.note, "<p>Down the rabbit hole</p>");
      assert.equal(updated.source.privacy, "unlisted");
      assert.equal(updated.source.language, "en");
      assert.equal(updated.fields[0]?.name, "Home");
      assert.ok(updated.avatar.startsWith(`${rig().url}/system/accounts/avatars/`));
      assert.notEqual(updated.avatarStatic, updated.avatar);

      const image = await fetch(updated.avatar);
      assert.equal(image.status, 200);
      assert.equal(image.headers.get("content-type"), "image/gif");

      const again = await client.v1.accounts.verifyCredentials();
      assert.equal(again.displayName, "Alice in Wonderland");
      assert.equal(again.avatar, updated.avatar);
      const looked = await client.v1.accounts.lookup({ acct: "alice" });
      assert.equal(looked.id, me.id);
      const fetched = await client.v1.accounts.$select(me.id).fetch();
      assert.equal(fetched.avatarStatic, updated.avatarStatic);
    });
  },
  { listen: true },
);
