// `hearth rules list | add <text> [--hint <text>] | remove <id>`: the server rules people agree
// to at sign-up and cite in reports.
import { listRules } from "../repos/rules.ts";
import { addRule } from "../services/rules/add-rule.ts";
import { removeRule } from "../services/rules/remove-rule.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const RULES_USAGE = `Usage: hearth rules <list | add <text> [--hint <text>] | remove <id>>

  list                        The rules in order, each with its id
  add <text> [--hint <text>]  Add a rule at the end; the hint explains it
  remove <id>                 Remove a rule (reports that cite it keep it)`;

async function list(args: string[], io: CliIo): Promise<number> {
  parseOptions(args, {}, false);
  const rules = await withContext(io, (ctx) => listRules(ctx.db));
  if (rules.length === 0) io.out("No rules yet; add one with `hearth rules add <text>`.");
  for (const rule of rules)
    io.out(`${rule.id}  ${rule.text}${rule.hint === "" ? "" : ` (${rule.hint})`}`);
  return 0;
}

async function add(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { hint: { type: "string" } });
  if (positionals.length !== 1) {
    throw usageError(
      `rules add takes the rule's text as one argument (quote it); got ${positionals.length}`,
    );
  }
  const result = await withContext(io, (ctx) => addRule(ctx, positionals[0]!, values.hint));
  switch (result.type) {
    case "ok":
      io.out(`Added rule ${result.rule.id}: ${result.rule.text}`);
      return 0;
    case "invalid":
      throw new CliError(result.message);
    default:
      return exhaustive(result);
  }
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [id, ...extra] = positionals;
  if (id === undefined || extra.length > 0) throw usageError("rules remove takes one rule id");
  const result = await withContext(io, (ctx) => removeRule(ctx, id));
  switch (result.type) {
    case "ok":
      io.out(`Removed rule ${id}.`);
      return 0;
    case "not-found":
      throw new CliError(`there is no rule with id "${id}"; see \`hearth rules list\``);
    default:
      return exhaustive(result);
  }
}

export const rulesCommand = withSubcommands("rules", RULES_USAGE, { list, add, remove });
