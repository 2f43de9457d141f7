// DELETE /api/v1/profile/avatar and /header: back to the default picture, files deleted once
// the account no longer points at them.
import type { AppContext } from "../../context.ts";
import { unprocessable } from "../../lib/errors.ts";
import type { ImageKind } from "../../media/images.ts";
import { findOwnProfile, updateAccount } from "../../repos/profiles.ts";
import { deleteAll } from "./update-profile.ts";

export async function removePicture(
  ctx: AppContext,
  userId: string,
  kind: ImageKind,
): Promise<void> {
  const current = await findOwnProfile(ctx.db, userId);
  if (current === undefined) throw unprocessable("This method requires an authenticated user");
  const a = current.account;
  const old =
    kind === "avatar" ? [a.avatar_key, a.avatar_static_key] : [a.header_key, a.header_static_key];
  if (old.every((k) => k === null)) return;
  const at = ctx.clock.now().toISOString();
  await updateAccount(
    ctx.db,
    a.id,
    kind === "avatar"
      ? { avatar_key: null, avatar_static_key: null, avatar_content_type: null, updated_at: at }
      : { header_key: null, header_static_key: null, header_content_type: null, updated_at: at },
  );
  await deleteAll(ctx, old);
}
