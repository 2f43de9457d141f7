// The built archive: stored under a private key (never served by /system), the row marked
// ready, and the owner told by mail with the download link.
import { randomBytes } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { PRIVATE_PREFIX } from "../../media/storage.ts";
import { findOwnerEmail, markArchiveBuilt } from "../../repos/archives.ts";
import { loadSettings } from "../../repos/instance-settings.ts";

export const ARCHIVE_DOWNLOAD_PATH = "/settings/exports/archive";

export async function storeArchive(
  ctx: AppContext,
  archive: { id: string; account_id: string },
  zip: Uint8Array,
): Promise<void> {
  const key = `${PRIVATE_PREFIX}archives/${archive.account_id}/${randomBytes(12).toString("hex")}.zip`;
  await ctx.storage.put(key, zip, "application/zip");
  await markArchiveBuilt(ctx.db, archive.id, key, zip.byteLength, ctx.clock.now().toISOString());
  const email = await findOwnerEmail(ctx.db, archive.account_id);
  if (email === undefined) return;
  const { title } = await loadSettings(ctx.db);
  await ctx.mailer.deliver({
    to: email,
    subject: `${title}: your archive is ready for download`,
    text: [
      "Hello,",
      "",
      `The archive of your account on ${title} is ready. Download it (signed in) at`,
      `${ctx.config.baseUrl}${ARCHIVE_DOWNLOAD_PATH}`,
      "",
      "It will be deleted after seven days.",
    ].join("\n"),
  });
}
