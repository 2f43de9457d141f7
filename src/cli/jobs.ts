// `hearth jobs list|retry|run`: what the job queue holds, and an operator's hand on it. A job
// that gave up (a peer down for days, a bug) stays with its error until retried or purged.
import { runDueJobs } from "../jobs/worker.ts";
import { listJobs, retryFailedJobs } from "../repos/jobs.ts";
import { parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const JOBS_USAGE = `Usage: hearth jobs <list|retry|run> [options]

  list [--failed] [--type <type>]   Pending jobs (or those that gave up), oldest first
  retry <id> | --all                Make jobs that gave up due again
  run                               Run every job that is due now, then exit (a worker
                                    normally does this inside \`hearth serve\`; Fedify's
                                    deliveries run only there)`;

async function list(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    failed: { type: "boolean" },
    type: { type: "string" },
  });
  if (positionals.length > 0) throw usageError(`jobs list takes no arguments`);
  const jobs = await withContext(io, (ctx) =>
    listJobs(ctx.db, {
      failed: values.failed === true,
      ...(values.type === undefined ? {} : { type: values.type }),
    }),
  );
  if (jobs.length === 0) io.out(values.failed ? "No failed jobs." : "No pending jobs.");
  for (const job of jobs) {
    const when = job.failedAt === null ? `due ${job.runAt}` : `failed ${job.failedAt}`;
    const error = job.lastError === null ? "" : ` — ${job.lastError.split("\n")[0]}`;
    io.out(`${job.id}  ${job.type}  ${when}  attempts ${job.attempts}${error}`);
  }
  return 0;
}

async function retry(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, { all: { type: "boolean" } });
  const [id, ...extra] = positionals;
  if (extra.length > 0 || (id === undefined) === (values.all !== true))
    throw usageError("jobs retry takes one job id, or --all");
  if (id !== undefined && !/^\d{1,20}$/.test(id)) throw usageError(`"${id}" is not a job id`);
  const count = await withContext(io, (ctx) =>
    retryFailedJobs(ctx.db, ctx.clock.now().toISOString(), id),
  );
  if (id !== undefined && count === 0) throw new CliError(`no failed job ${id}`);
  io.out(`${count} job${count === 1 ? "" : "s"} will run again.`);
  return 0;
}

async function run(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  if (positionals.length > 0) throw usageError(`jobs run takes no arguments`);
  const count = await withContext(io, (ctx) => runDueJobs(ctx));
  io.out(`Ran ${count} job${count === 1 ? "" : "s"}.`);
  return 0;
}

export const jobsCommand = withSubcommands("jobs", JOBS_USAGE, { list, retry, run });
