// DELETE /api/v1/profile/avatar and /api/v1/profile/header —
// https://docs.joinmastodon.org/methods/profile/ — back to the default picture; answers with
// the CredentialAccount (also when there was nothing to delete, as Mastodon).
import { Hono } from "hono";
import type { ImageKind } from "../../../media/images.ts";
import { getOwnProfile } from "../../../services/profiles/get-own-profile.ts";
import { removePicture } from "../../../services/profiles/remove-picture.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import { presentCredentialAccount } from "../accounts/hydrate.ts";

const remove = (kind: ImageKind) =>
  new Hono<Env>().delete(`/${kind}`, requireAuth({ scopes: ["write:accounts"] }), async (c) => {
    const ctx = c.var.ctx;
    const user = currentUser(c);
    await removePicture(ctx, user.id, kind);
    return c.json(presentCredentialAccount(ctx, await getOwnProfile(ctx, user.id)));
  });

export const profileRoutes = new Hono<Env>()
  .route("/", remove("avatar"))
  .route("/", remove("header"));
