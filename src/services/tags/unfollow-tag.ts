// Unfollow a hashtag — https://docs.joinmastodon.org/methods/tags/#unfollow
// Unfollowing a tag one does not follow (or nobody has used) changes nothing and still answers
// with the Tag, as Mastodon.
import type { AppContext } from "../../context.ts";
import { deleteTagPair, findTagByName } from "../../repos/tags.ts";
import { type LoadedTag, loadTags, parseTagName, tagRef } from "./common.ts";

/** undefined when the name cannot be a hashtag (a 404, as Mastodon). */
export async function unfollowTag(
  ctx: AppContext,
  actorId: string,
  rawName: string,
): Promise<LoadedTag | undefined> {
  const parsed = parseTagName(rawName);
  if (parsed === null) return undefined;
  const row = await findTagByName(ctx.db, parsed.name);
  if (row !== undefined) await deleteTagPair(ctx.db, "tag_follows", actorId, String(row.id));
  const ref = row === undefined ? { id: null, ...parsed } : tagRef(row);
  const [loaded] = await loadTags(ctx, [ref], actorId);
  return loaded;
}
