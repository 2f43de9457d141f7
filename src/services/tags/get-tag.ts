// A hashtag — https://docs.joinmastodon.org/methods/tags/#get
// As Mastodon: a name that cannot be a hashtag is a 404; a valid name nobody has used is
// answered (id "", zero history) without creating anything, so reads never write.
import type { AppContext } from "../../context.ts";
import { findTagByName } from "../../repos/tags.ts";
import { type LoadedTag, loadTags, parseTagName, tagRef } from "./common.ts";

export async function getTag(
  ctx: AppContext,
  viewerId: string | null,
  rawName: string,
): Promise<LoadedTag | undefined> {
  const parsed = parseTagName(rawName);
  if (parsed === null) return undefined;
  const row = await findTagByName(ctx.db, parsed.name);
  const ref = row === undefined ? { id: null, ...parsed } : tagRef(row);
  const [loaded] = await loadTags(ctx, [ref], viewerId);
  return loaded;
}
