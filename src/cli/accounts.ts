// `hearth accounts create <username> --email <address> ...`: accounts made by the operator,
// such as the owner's on a new server, whatever the registrations setting says.
import { parseUserRole, USER_ROLES } from "../domain/roles.ts";
import {
  checkNewLocalAccount,
  createLocalAccount,
  type NewLocalAccount,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from "../services/accounts/create-local-account.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const ACCOUNTS_USAGE = `Usage: hearth accounts create <username> --email <address> [options]

Creates a local account that can log in at once, whatever the registrations setting says.

Options:
  --email <address>   Required; one account per address.
  --password <text>   ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters. Omit it to have one generated and printed
                      (a password typed here stays in your shell history).
  --role <role>       ${USER_ROLES.join(", ")} (any case). Default: an ordinary user.
  --confirmed         Mark the email address as confirmed.
  --allow-reserved    Take a reserved name such as "admin" or "support" on purpose.`;

async function create(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string" },
    confirmed: { type: "boolean" },
    "allow-reserved": { type: "boolean" },
  });
  const [username, ...extra] = positionals;
  if (username === undefined) throw usageError("accounts create needs a username");
  if (extra.length > 0)
    throw usageError(`accounts create takes one username; also got "${extra.join(" ")}"`);
  if (values.email === undefined) throw usageError("accounts create needs --email <address>");
  const role = values.role === undefined ? null : parseUserRole(values.role);
  if (role === null && values.role !== undefined)
    throw usageError(`--role must be one of ${USER_ROLES.join(", ")}; got "${values.role}"`);
  const input: NewLocalAccount = {
    // People write accounts as @name, as this command prints them.
    username: username.replace(/^@/, ""),
    email: values.email,
    password: values.password,
    role,
    confirmed: values.confirmed === true,
    allowReserved: values["allow-reserved"] === true,
  };
  // The rules that need no database are checked before opening it.
  const problem = checkNewLocalAccount(input);
  if (problem !== null) throw new CliError(problem.message);

  const result = await withContext(io, (ctx) => createLocalAccount(ctx, input));
  switch (result.type) {
    case "ok": {
      const confirmed = input.confirmed ? "email confirmed" : "email not confirmed";
      io.out(
        `Created @${result.username} (id ${result.accountId}): ${role ?? "user"}, ${confirmed}.`,
      );
      if (result.passwordGenerated) io.out(`Password: ${result.password}`);
      return 0;
    }
    case "invalid":
    case "taken":
      throw new CliError(result.message);
    default:
      return exhaustive(result);
  }
}

export const accountsCommand = withSubcommands("accounts", ACCOUNTS_USAGE, { create });
