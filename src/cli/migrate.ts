// `hearth migrate [up|down|status]`.
import { boot } from "../boot.ts";
import { parseConfig } from "../config.ts";
import { migrateDown, migrateToLatest, pendingMigrations } from "../db/migrate.ts";
import { migrations } from "../db/migrations/index.ts";
import { type CliIo, usageError } from "./io.ts";

export async function runMigrate(args: string[], io: CliIo): Promise<number> {
  const [action = "up", ...rest] = args;
  if (rest.length > 0) throw usageError(`migrate takes one argument; got "${rest.join(" ")}"`);
  if (action !== "up" && action !== "down" && action !== "status") {
    throw usageError(`migrate: unknown action "${action}"; use up, down or status`);
  }
  const ctx = await boot(parseConfig(io.env, io.cwd), { migrate: "none" });
  try {
    if (action === "up") {
      const applied = await migrateToLatest(ctx.db);
      io.out(applied.length > 0 ? `Applied ${applied.join(", ")}` : "The database is up to date.");
    } else if (action === "down") {
      const rolledBack = await migrateDown(ctx.db);
      io.out(
        rolledBack.length > 0 ? `Rolled back ${rolledBack.join(", ")}` : "Nothing to roll back.",
      );
    } else {
      const pending = new Set(await pendingMigrations(ctx.db));
      for (const name of Object.keys(migrations))
        io.out(`${pending.has(name) ? "pending" : "applied"}  ${name}`);
    }
  } finally {
    await ctx.database.close();
  }
  return 0;
}
