// The server's domain blocks: every field for operators (`hearth domain-blocks list`), and
// the public list of GET /api/v1/instance/domain_blocks (Mastodon's DomainBlock entity: the
// blocks with user-facing limitations, names obfuscated on request, a SHA-256 digest of the
// real name so people can check a domain they know, and the public comment).
import { createHash } from "node:crypto";
import type { AppContext } from "../../context.ts";
import { isUserFacing, publicDomain } from "../../domain/instance-policy.ts";
import {
  type InstanceDomainBlockRow,
  listInstanceDomainBlocks,
} from "../../repos/instance-domain-blocks.ts";

export function listInstanceDomainBlocksForStaff(
  ctx: AppContext,
): Promise<InstanceDomainBlockRow[]> {
  return listInstanceDomainBlocks(ctx.db);
}

export interface PublicDomainBlock {
  domain: string;
  digest: string;
  /** The API says "silence" for a limit, as Mastodon does. */
  severity: "silence" | "suspend";
  comment: string | null;
}

export async function listPublicDomainBlocks(ctx: AppContext): Promise<PublicDomainBlock[]> {
  const blocks = await listInstanceDomainBlocks(ctx.db);
  return blocks
    .filter((b) => isUserFacing({ severity: b.severity, rejectMedia: Boolean(b.reject_media) }))
    .map((b) => ({
      domain: publicDomain(b.domain, Boolean(b.obfuscate)),
      digest: createHash("sha256").update(b.domain).digest("hex"),
      // A noop with reject_media is listed as a limit (Mastodon lists it as "noop"; clients
      // know only silence and suspend).
      severity: b.severity === "suspend" ? "suspend" : "silence",
      comment: b.public_comment,
    }));
}
