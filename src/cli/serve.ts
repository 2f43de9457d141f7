// `hearth serve [--role all|web|worker]`: the server. Roles split one server over several
// processes (PostgreSQL deployments); with the embedded SQLite database one process does all.
import { type ServerType, serve } from "@hono/node-server";
import { attachStreaming, createApp } from "../app.ts";
import { boot } from "../boot.ts";
import { type Config, ConfigError, type Role } from "../config.ts";
import { createFederation } from "../federation/federation.ts";
import { createWorker } from "../jobs/worker.ts";
import { lockDataDir } from "../lib/data-dir-lock.ts";
import { log } from "../logger.ts";
import { type CliIo, usageError } from "./io.ts";

const ROLES: Role[] = ["all", "web", "worker"];

export function parseRole(value: string | undefined): Role {
  const role = value ?? "all";
  if (!(ROLES as string[]).includes(role))
    throw usageError(`--role must be one of ${ROLES.join(", ")}; got "${role}"`);
  return role as Role;
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

function listen(app: ReturnType<typeof createApp>, config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () =>
      resolve(server),
    );
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(
          new ConfigError(
            "PORT",
            `${config.host}:${config.port} is already in use; stop the other server or set PORT`,
          ),
        );
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(new ConfigError("HOST", `cannot listen on ${config.host}: ${error.code}`));
      } else if (error.code === "EACCES") {
        reject(new ConfigError("PORT", `no permission to listen on port ${config.port}`));
      } else {
        reject(error);
      }
    });
  });
}

export async function startServer(config: Config, role: Role, io: CliIo): Promise<RunningServer> {
  // Two processes on one SQLite file would both migrate and fight for writes: refuse early.
  const release = config.database.kind === "sqlite" ? lockDataDir(config.dataDir) : () => {};
  let ctx: Awaited<ReturnType<typeof boot>> | undefined;
  let server: ServerType | undefined;
  let streaming: ReturnType<typeof attachStreaming> | undefined;
  try {
    ctx = await boot(config, { migrate: "apply" });
    if (role !== "worker") {
      server = await listen(createApp(ctx), config);
      // The streaming API's WebSocket (/api/v1/streaming) shares the web port.
      streaming = attachStreaming(server, ctx);
    }
  } catch (error) {
    await ctx?.database.close();
    release();
    throw error;
  }
  // The web role only serves; jobs its requests enqueue wait in the table for a worker.
  const worker = role === "web" ? undefined : createWorker(ctx);
  worker?.start();
  // Fedify's messages (deliveries, inbox work: lane "fedify" of the same table) have their own
  // consumer, in the same processes as the worker.
  const fedifyStop = role === "web" ? undefined : new AbortController();
  const fedifyQueue =
    fedifyStop === undefined
      ? undefined
      : createFederation(ctx)
          .startQueue(ctx, { signal: fedifyStop.signal })
          .catch((error: unknown) =>
            log("federation").error("Fedify queue stopped: {error}", { error }),
          );
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${config.port}`;
  if (server !== undefined)
    io.out(`Hearth is listening on ${url} (public address ${config.baseUrl})`);
  else io.out("Hearth worker started");
  log("serve").info("Started role {role} on {db}", { role, db: ctx.dialect });
  let stopping: Promise<void> | undefined;
  return {
    url,
    stop: () => {
      stopping ??= (async () => {
        await worker?.stop();
        fedifyStop?.abort();
        await fedifyQueue;
        // Open streams (WebSocket and SSE) would keep the server from closing.
        await streaming?.close();
        if (server !== undefined) {
          const s = server;
          await new Promise<void>((resolve) => s.close(() => resolve()));
        }
        await ctx.pubsub.close();
        await ctx.database.close();
        release();
      })();
      return stopping;
    },
  };
}

/** Runs until SIGINT/SIGTERM, then closes connections and the database cleanly. */
export async function runServe(config: Config, role: Role, io: CliIo): Promise<number> {
  const running = await startServer(config, role, io);
  await new Promise<void>((resolve) => {
    const onSignal = () => resolve();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  });
  io.out("Shutting down…");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await running.stop();
  return 0;
}
