// Change a domain block: its severity, flags or comments. A new severity lifts the marks of
// the old one and applies the new (Mastodon reruns BlockDomainService with update: true).
import type { AppContext } from "../../context.ts";
import {
  type BlockChanges,
  findInstanceDomainBlock,
  updateInstanceDomainBlock,
} from "../../repos/instance-domain-blocks.ts";
import { applyBlock, liftBlock } from "./apply.ts";
import { type BlockInput, type BlockResult, checkComments, readSeverity } from "./create-block.ts";
import { readPolicyDomain } from "./policy.ts";

export async function changeInstanceDomainBlock(
  ctx: AppContext,
  input: BlockInput,
): Promise<BlockResult> {
  const domain = readPolicyDomain(ctx, input.domain);
  if (domain.type === "invalid") return domain;
  const severity = input.severity === undefined ? undefined : readSeverity(input.severity);
  if (severity === null)
    return { type: "invalid", message: "severity must be suspend, silence or noop" };
  const tooLong = checkComments(input);
  if (tooLong !== null) return { type: "invalid", message: tooLong };
  const changes: BlockChanges = {
    ...(severity === undefined ? {} : { severity }),
    ...(input.rejectMedia === undefined ? {} : { reject_media: input.rejectMedia }),
    ...(input.rejectReports === undefined ? {} : { reject_reports: input.rejectReports }),
    ...(input.privateComment === undefined ? {} : { private_comment: input.privateComment }),
    ...(input.publicComment === undefined ? {} : { public_comment: input.publicComment }),
    ...(input.obfuscate === undefined ? {} : { obfuscate: input.obfuscate }),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const block = await findInstanceDomainBlock(trx, domain.domain);
    if (block === undefined) return { type: "not-found" } as const;
    await updateInstanceDomainBlock(trx, block.domain, changes, ctx.clock.now().toISOString());
    const updated = (await findInstanceDomainBlock(trx, block.domain))!;
    if (updated.severity !== block.severity) {
      await liftBlock(trx, block);
      await applyBlock(ctx, trx, updated);
    }
    return { type: "ok", block: updated } as const;
  });
}
