// The owner's newest built archive, for download. Somebody else's archive is never found:
// the lookup is by the signed-in account, so there is nothing to guess.
import type { AppContext } from "../../context.ts";
import type { StoredFile } from "../../media/storage.ts";
import { findLatestArchive } from "../../repos/archives.ts";

export async function findArchiveFile(
  ctx: AppContext,
  accountId: string,
): Promise<(StoredFile & { createdAt: string }) | undefined> {
  const archive = await findLatestArchive(ctx.db, accountId);
  if (archive?.file_key == null) return undefined;
  const file = await ctx.storage.get(archive.file_key);
  return file === undefined ? undefined : { ...file, createdAt: archive.created_at };
}
