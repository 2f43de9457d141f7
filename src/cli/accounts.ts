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
import {
  approveUser,
  deleteLocalUser,
  modifyUser,
  type UserChanges,
} from "../services/accounts/manage-user.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";
import { suspendCommand, unsuspendCommand } from "./suspend.ts";

export const ACCOUNTS_USAGE = `Usage: hearth accounts <subcommand> ...

  create <username> --email <address> [options]   create a local account
  approve <username>                              approve a sign-up waiting for a moderator
  modify <username> [--role R|none] [--confirm] [--disable|--enable] [--reset-password]
  delete <username> --yes                         delete the user; the name stays reserved
  suspend|unsuspend <username>                    hide the account (its actor answers 410;
                                                  remote followers get a Delete) or bring it back

create makes an account that can log in at once, whatever the registrations setting says:
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

function oneUsername(command: string, positionals: string[]): string {
  const [username, ...extra] = positionals;
  if (username === undefined) throw usageError(`accounts ${command} needs a username`);
  if (extra.length > 0)
    throw usageError(`accounts ${command} takes one username; also got "${extra.join(" ")}"`);
  return username.replace(/^@/, "");
}

const notFound = (username: string) => new CliError(`no local account @${username}`);

async function approve(args: string[], io: CliIo): Promise<number> {
  const username = oneUsername("approve", parseOptions(args, {}).positionals);
  const result = await withContext(io, (ctx) => approveUser(ctx, username));
  if (result.type === "not-found") throw notFound(username);
  io.out(
    result.type === "ok"
      ? `Approved @${result.user.username}.`
      : `@${result.user.username} was already approved.`,
  );
  return 0;
}

async function modify(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    role: { type: "string" },
    confirm: { type: "boolean" },
    disable: { type: "boolean" },
    enable: { type: "boolean" },
    "reset-password": { type: "boolean" },
  });
  const username = oneUsername("modify", positionals);
  const changes: UserChanges = {
    confirm: values.confirm === true,
    disable: values.disable === true,
    enable: values.enable === true,
    resetPassword: values["reset-password"] === true,
  };
  if (values.role !== undefined) {
    const role = values.role.toLowerCase() === "none" ? null : parseUserRole(values.role);
    if (role === null && values.role.toLowerCase() !== "none") {
      throw usageError(
        `--role must be one of ${USER_ROLES.join(", ")} or none; got "${values.role}"`,
      );
    }
    changes.role = role;
  }
  if (
    values.role === undefined &&
    !changes.confirm &&
    !changes.disable &&
    !changes.enable &&
    !changes.resetPassword
  ) {
    throw usageError(
      "accounts modify needs a change: --role, --confirm, --disable, --enable or --reset-password",
    );
  }
  const result = await withContext(io, (ctx) => modifyUser(ctx, username, changes));
  switch (result.type) {
    case "not-found":
      throw notFound(username);
    case "conflict":
      throw usageError(result.message);
    case "ok":
      io.out(`Modified @${result.user.username}.`);
      if (result.password !== null) {
        io.out(`Password: ${result.password}`);
        io.out(`Signed out of ${result.tokensRevoked} app(s).`);
      }
      return 0;
    default:
      return exhaustive(result);
  }
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { yes: { type: "boolean" } });
  const username = oneUsername("delete", positionals);
  // Deleting cannot be undone: ask for the flag rather than prompting, so scripts stay simple.
  if (values.yes !== true)
    throw usageError(`accounts delete cannot be undone; add --yes to delete @${username}`);
  const result = await withContext(io, (ctx) => deleteLocalUser(ctx, username));
  if (result.type === "not-found") throw notFound(username);
  io.out(`Deleted @${result.user.username}; the username stays reserved.`);
  return 0;
}

export const accountsCommand = withSubcommands("accounts", ACCOUNTS_USAGE, {
  create,
  approve,
  modify,
  delete: remove,
  suspend: suspendCommand,
  unsuspend: unsuspendCommand,
});
