// `hearth domain-blocks list | add <domain> [...] | remove <domain>` and
// `hearth domain-allows list | add <domain> | remove <domain>`: the server's federation policy
// (domain/instance-policy.ts) until the admin API of the moderation work.
import type { InstanceDomainBlockRow } from "../repos/instance-domain-blocks.ts";
import {
  addInstanceDomainAllow,
  listInstanceDomainAllowsForStaff,
  removeInstanceDomainAllow,
} from "../services/instance-domain-blocks/allows.ts";
import { createInstanceDomainBlock } from "../services/instance-domain-blocks/create-block.ts";
import { listInstanceDomainBlocksForStaff } from "../services/instance-domain-blocks/list-blocks.ts";
import { removeInstanceDomainBlock } from "../services/instance-domain-blocks/remove-block.ts";
import { changeInstanceDomainBlock } from "../services/instance-domain-blocks/update-block.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const DOMAIN_BLOCKS_USAGE = `Usage: hearth domain-blocks <list | add <domain> [options] | remove <domain>>

  list                  Every block with its severity, flags and comments
  add <domain>          Block a domain and its subdomains (again: change the block)
    --severity suspend|silence|noop
                        suspend: no federation, its accounts hidden, follows severed;
                        silence (default): hidden from public timelines, follows need approval;
                        noop: only the flags below
    --reject-media      Do not fetch or store its media
    --reject-reports    Drop its reports (Flag activities)
    --private-comment <text>  A note for the staff
    --public-comment <text>   The reason shown in the public list
    --obfuscate         Show the domain partly hidden in the public list
  remove <domain>       Lift the block (severed follows stay severed)`;

export const DOMAIN_ALLOWS_USAGE = `Usage: hearth domain-allows <list | add <domain> | remove <domain>>

  With \`hearth settings set federation_mode allowlist\`, only these domains (and their
  subdomains) federate with this server, in and out.

  list                  The allowed domains
  add <domain>          Allow a domain
  remove <domain>       Stop allowing it`;

function describe(b: InstanceDomainBlockRow): string {
  const flags = [
    b.reject_media ? "reject-media" : null,
    b.reject_reports ? "reject-reports" : null,
    b.obfuscate ? "obfuscate" : null,
  ].filter((f) => f !== null);
  const comments = [
    b.public_comment === null ? null : `public: ${b.public_comment}`,
    b.private_comment === null ? null : `private: ${b.private_comment}`,
  ].filter((c) => c !== null);
  return [b.domain, b.severity, ...flags, ...comments].join("  ");
}

function oneDomain(positionals: string[], what: string): string {
  const [domain, ...extra] = positionals;
  if (domain === undefined || extra.length > 0) throw usageError(`${what} takes one domain`);
  return domain;
}

async function listBlocks(args: string[], io: CliIo): Promise<number> {
  parseOptions(args, {}, false);
  const blocks = await withContext(io, (ctx) => listInstanceDomainBlocksForStaff(ctx));
  if (blocks.length === 0) io.out("No domain blocks.");
  for (const b of blocks) io.out(describe(b));
  return 0;
}

async function addBlock(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    severity: { type: "string" },
    "reject-media": { type: "boolean" },
    "reject-reports": { type: "boolean" },
    "private-comment": { type: "string" },
    "public-comment": { type: "string" },
    obfuscate: { type: "boolean" },
  });
  const input = {
    domain: oneDomain(positionals, "domain-blocks add"),
    severity: values.severity,
    rejectMedia: values["reject-media"],
    rejectReports: values["reject-reports"],
    privateComment: values["private-comment"],
    publicComment: values["public-comment"],
    obfuscate: values.obfuscate,
  };
  const result = await withContext(io, async (ctx) => {
    const created = await createInstanceDomainBlock(ctx, input);
    // Adding a block that exists changes it (what the operator asked for now wins).
    return created.type === "exists" ? changeInstanceDomainBlock(ctx, input) : created;
  });
  switch (result.type) {
    case "ok":
      io.out(`Blocked ${describe(result.block)}`);
      return 0;
    case "invalid":
      throw new CliError(result.message);
    case "exists":
    case "not-found":
      throw new CliError(`could not block ${input.domain}`);
    default:
      return exhaustive(result);
  }
}

async function removeBlock(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const domain = oneDomain(positionals, "domain-blocks remove");
  const result = await withContext(io, (ctx) => removeInstanceDomainBlock(ctx, domain));
  switch (result.type) {
    case "ok":
      io.out(`Unblocked ${domain}.`);
      return 0;
    case "not-found":
      throw new CliError(`${domain} is not blocked; see \`hearth domain-blocks list\``);
    case "invalid":
      throw new CliError(result.message);
    default:
      return exhaustive(result);
  }
}

async function listAllows(args: string[], io: CliIo): Promise<number> {
  parseOptions(args, {}, false);
  const allows = await withContext(io, (ctx) => listInstanceDomainAllowsForStaff(ctx));
  if (allows.length === 0) io.out("No allowed domains.");
  for (const a of allows) io.out(a.domain);
  return 0;
}

async function addAllow(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const domain = oneDomain(positionals, "domain-allows add");
  const result = await withContext(io, (ctx) => addInstanceDomainAllow(ctx, domain));
  if (result.type === "invalid") throw new CliError(result.message);
  io.out(result.created ? `Allowed ${result.domain}.` : `${result.domain} was allowed already.`);
  return 0;
}

async function removeAllow(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const domain = oneDomain(positionals, "domain-allows remove");
  const result = await withContext(io, (ctx) => removeInstanceDomainAllow(ctx, domain));
  switch (result.type) {
    case "ok":
      io.out(`No longer allowed: ${domain}.`);
      return 0;
    case "not-found":
      throw new CliError(`${domain} is not allowed; see \`hearth domain-allows list\``);
    case "invalid":
      throw new CliError(result.message);
    default:
      return exhaustive(result);
  }
}

export const domainBlocksCommand = withSubcommands("domain-blocks", DOMAIN_BLOCKS_USAGE, {
  list: listBlocks,
  add: addBlock,
  remove: removeBlock,
});

export const domainAllowsCommand = withSubcommands("domain-allows", DOMAIN_ALLOWS_USAGE, {
  list: listAllows,
  add: addAllow,
  remove: removeAllow,
});
