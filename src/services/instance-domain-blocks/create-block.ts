// Block a domain for the whole server (`hearth domain-blocks add`; the admin API comes with
// moderation). The block is stored and applied to the accounts already known in one
// transaction (apply.ts); accounts arriving later get the same marks (remote-account.ts).
import type { AppContext } from "../../context.ts";
import { SEVERITIES, type Severity } from "../../domain/instance-policy.ts";
import {
  findInstanceDomainBlock,
  type InstanceDomainBlockRow,
  insertInstanceDomainBlock,
} from "../../repos/instance-domain-blocks.ts";
import { applyBlock } from "./apply.ts";
import { readPolicyDomain } from "./policy.ts";

export interface BlockInput {
  domain: string | undefined;
  severity?: string | undefined;
  rejectMedia?: boolean | undefined;
  rejectReports?: boolean | undefined;
  privateComment?: string | null | undefined;
  publicComment?: string | null | undefined;
  obfuscate?: boolean | undefined;
}

export type BlockResult =
  | { type: "ok"; block: InstanceDomainBlockRow }
  | { type: "invalid"; message: string }
  | { type: "exists"; block: InstanceDomainBlockRow }
  | { type: "not-found" };

/** Mastodon's limit on comments (DomainBlock has none; its admin form keeps them short). */
export const COMMENT_MAX_LENGTH = 1000;

export function readSeverity(input: string | undefined): Severity | null {
  const value = input ?? "silence";
  return (SEVERITIES as string[]).includes(value) ? (value as Severity) : null;
}

export function checkComments(input: BlockInput): string | null {
  for (const text of [input.privateComment, input.publicComment])
    if (text != null && [...text].length > COMMENT_MAX_LENGTH)
      return `comments are limited to ${COMMENT_MAX_LENGTH} characters`;
  return null;
}

export async function createInstanceDomainBlock(
  ctx: AppContext,
  input: BlockInput,
): Promise<BlockResult> {
  const domain = readPolicyDomain(ctx, input.domain);
  if (domain.type === "invalid") return domain;
  // Mastodon's default severity is silence ("limit").
  const severity = readSeverity(input.severity);
  if (severity === null)
    return { type: "invalid", message: "severity must be suspend, silence or noop" };
  const tooLong = checkComments(input);
  if (tooLong !== null) return { type: "invalid", message: tooLong };
  const at = ctx.clock.now().toISOString();
  const block: InstanceDomainBlockRow = {
    id: ctx.newId(),
    domain: domain.domain,
    severity,
    reject_media: input.rejectMedia ?? false,
    reject_reports: input.rejectReports ?? false,
    private_comment: input.privateComment ?? null,
    public_comment: input.publicComment ?? null,
    obfuscate: input.obfuscate ?? false,
    created_at: at,
    updated_at: at,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const { updated_at: _, ...row } = block;
    if (!(await insertInstanceDomainBlock(trx, row))) {
      const existing = await findInstanceDomainBlock(trx, domain.domain);
      return { type: "exists", block: existing! } as const;
    }
    await applyBlock(ctx, trx, block);
    return { type: "ok", block } as const;
  });
}
