// Every route guarded by requireAuth, found by walking the app's route table, refuses a
// missing token (401), a token without its scope (403) and, where a user is needed, an app
// token (422). A new endpoint is covered the day it is added.
import assert from "node:assert/strict";
import { test } from "node:test";
import { REQUIREMENT, type Requirement } from "../../src/api/middleware/auth.ts";
import { assertAuthEnforced, describeEachDatabase } from "../rig/index.ts";

describeEachDatabase("scope enforcement on every guarded route", (rig) => {
  test("each guarded route enforces its token, scope and user", async () => {
    const guarded = rig()
      .app.routes.filter((r) => REQUIREMENT in r.handler)
      .map((r) => ({
        method: r.method,
        path: r.path,
        requirement: (r.handler as unknown as Record<symbol, Requirement>)[
          REQUIREMENT
        ] as Requirement,
      }));
    // The routes this issue added must be among them: the walk itself must find routes.
    const paths = guarded.map((g) => `${g.method} ${g.path}`);
    for (const expected of [
      "GET /api/v1/accounts/verify_credentials",
      "PATCH /api/v1/accounts/update_credentials",
      "GET /api/v1/preferences",
    ]) {
      assert.ok(paths.includes(expected), `${expected} is guarded (found: ${paths.join(", ")})`);
    }
    for (const { method, path, requirement } of guarded) {
      const concrete = path.replace(/:[A-Za-z_]+(\{[^}]*\})?/g, rig().fixtures.alice.id);
      const scope = requirement.scopes[0];
      if (scope === undefined) {
        const res = await rig().send(method, concrete);
        assert.equal(res.status, 401, `${method} ${concrete} without a token`);
        continue;
      }
      await assertAuthEnforced(rig(), {
        method,
        path: concrete,
        scope,
        user: requirement.user !== false,
      });
    }
  });
});
