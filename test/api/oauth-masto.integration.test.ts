// The OAuth endpoints as masto.js (Phanpy's and Elk's library) calls them over real HTTP:
// register an app, exchange a code from our HTML pages, use and revoke the token.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { createOAuthAPIClient } from "masto";
import { masto } from "../rig/clients.ts";
import { describeEachDatabase } from "../rig/index.ts";
import { obtainCode, setPassword } from "./oauth-kit.ts";

describeEachDatabase(
  "OAuth through masto.js",
  (rig) => {
    before(async () => {
      await setPassword(rig(), "alice");
    });

    test("register, authorize, exchange, verify, revoke", async () => {
      const app = await masto(rig()).v1.apps.create({
        clientName: "masto e2e",
        redirectUris: ["urn:ietf:wg:oauth:2.0:oob", "https://client.example/cb"],
        scopes: "read write follow push",
        website: "https://client.example",
      });
      assert.equal(app.name, "masto e2e");
      assert.ok(app.clientId && app.clientSecret);
      assert.deepEqual(app.redirectUris, [
        "urn:ietf:wg:oauth:2.0:oob",
        "https://client.example/cb",
      ]);

      const code = await obtainCode(
        rig(),
        {
          id: "",
          client_id: app.clientId as string,
          client_secret: app.clientSecret as string,
          redirect_uri: "https://client.example/cb",
        },
        { scope: "read write follow push" },
      );
      const oauth = createOAuthAPIClient({ url: rig().url });
      const token = await oauth.token.create({
        grantType: "authorization_code",
        clientId: app.clientId as string,
        clientSecret: app.clientSecret as string,
        redirectUri: "https://client.example/cb",
        code,
      });
      assert.equal(token.scope, "read write follow push");
      assert.equal(token.tokenType, "Bearer");

      const verified = await masto(rig(), token.accessToken).v1.apps.verifyCredentials();
      assert.equal(verified.name, "masto e2e");

      const appToken = await oauth.token.create({
        grantType: "client_credentials",
        clientId: app.clientId as string,
        clientSecret: app.clientSecret as string,
        redirectUri: "urn:ietf:wg:oauth:2.0:oob",
        scope: "read",
      });
      const asApp = await masto(rig(), appToken.accessToken).v1.apps.verifyCredentials();
      assert.equal(asApp.name, app.name);

      await oauth.revoke({
        clientId: app.clientId as string,
        clientSecret: app.clientSecret as string,
        token: token.accessToken,
      });
      await assert.rejects(
        masto(rig(), token.accessToken).v1.apps.verifyCredentials(),
        (error: Error & { statusCode?: number }) => {
          assert.equal(error.statusCode, 401);
          return true;
        },
      );
    });
  },
  { listen: true },
);
