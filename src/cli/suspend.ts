// `hearth accounts suspend|unsuspend <username>` (services/accounts/suspend-account.ts): the
// Delete(actor) for the account's remote followers is queued for the worker to deliver.
import {
  suspendLocalAccount,
  unsuspendLocalAccount,
} from "../services/accounts/suspend-account.ts";
import { enqueueDelivery } from "../services/federation/enqueue-delivery.ts";
import { type Command, exhaustive, parseOptions, withContext } from "./command-kit.ts";
import { CliError, usageError } from "./io.ts";

function change(suspend: boolean): Command {
  const verb = suspend ? "suspend" : "unsuspend";
  return async (args, io) => {
    const { positionals } = parseOptions(args, {});
    const [username, ...extra] = positionals;
    if (username === undefined || extra.length > 0)
      throw usageError(`accounts ${verb} takes one username`);
    const result = await withContext(io, async (ctx) => {
      const done = suspend
        ? await suspendLocalAccount(ctx, username)
        : await unsuspendLocalAccount(ctx, username);
      if (done.type === "ok") await enqueueDelivery(ctx, "account", done.accountId, done.federate);
      return done;
    });
    const name = `@${username.replace(/^@/, "")}`;
    switch (result.type) {
      case "ok":
        io.out(suspend ? `Suspended ${name}.` : `Unsuspended ${name}.`);
        return 0;
      case "unchanged":
        io.out(suspend ? `${name} was suspended already.` : `${name} is not suspended.`);
        return 0;
      case "not-found":
        throw new CliError(`there is no local user ${name}`);
      default:
        return exhaustive(result);
    }
  };
}

export const suspendCommand = change(true);
export const unsuspendCommand = change(false);
