// Hearth inside the harness process, listening on a real loopback port: for scenarios that
// need its database next to its HTTP API (the same-run baseline writes into the same SQLite
// file). Booted like `hearth serve` (config, migrations, secrets) on a temp data dir, without
// the job worker; users get tokens the way a client does (POST /api/v1/apps, password grant).
import type { AddressInfo } from "node:net";
import { type ServerType, serve } from "@hono/node-server";
import { createApp } from "../../src/app.ts";
import { boot } from "../../src/boot.ts";
import { parseConfig } from "../../src/config.ts";
import type { AppContext } from "../../src/context.ts";
import { createLocalAccount } from "../../src/services/accounts/create-local-account.ts";
import { makeTempDir, removeTempDir } from "./proc.ts";

export interface InProcessHearth {
  ctx: AppContext;
  origin: string;
  /** The HTTP server (the streaming benchmark attaches the WebSocket to it). */
  server: ServerType;
  stop(): Promise<void>;
}

export async function startInProcess(env: Record<string, string> = {}): Promise<InProcessHearth> {
  const dataDir = makeTempDir("inproc");
  let server: ServerType | undefined;
  let ctx: AppContext | undefined;
  const stop = async () => {
    const s = server;
    if (s !== undefined) await new Promise<void>((resolve) => s.close(() => resolve()));
    await ctx?.database.close();
    removeTempDir(dataDir);
  };
  try {
    // Port 0, then the domain from the port we got: URLs Hearth writes point at itself.
    let app: ReturnType<typeof createApp> | undefined;
    server = serve({ fetch: (req, e) => app!.fetch(req, e), port: 0, hostname: "127.0.0.1" });
    const listening = server;
    await new Promise<void>((resolve) => listening.once("listening", () => resolve()));
    const port = (listening.address() as AddressInfo).port;
    const config = parseConfig(
      {
        NODE_ENV: "production",
        HOST: "127.0.0.1",
        PORT: String(port),
        HEARTH_DOMAIN: `127.0.0.1:${port}`,
        HEARTH_HTTPS: "false",
        HEARTH_DATA_DIR: dataDir,
        HEARTH_LOG_LEVEL: "warning",
        ...env,
      },
      dataDir,
    );
    ctx = await boot(config, { migrate: "apply" });
    app = createApp(ctx);
    return { ctx, origin: `http://127.0.0.1:${port}`, server: listening, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function postJson(url: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, string>;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/** Local users `names`, each with a "read write" token from the password grant. */
export async function createUsers(
  hearth: InProcessHearth,
  names: string[],
): Promise<{ username: string; accountId: string; token: string }[]> {
  const app = await postJson(`${hearth.origin}/api/v1/apps`, {
    client_name: "bench",
    redirect_uris: "urn:ietf:wg:oauth:2.0:oob",
    scopes: "read write",
  });
  const users = [];
  for (const username of names) {
    const password = `${username}-bench-password`;
    const email = `${username}@bench.test`;
    const created = await createLocalAccount(hearth.ctx, {
      username,
      email,
      password,
      confirmed: true,
    });
    if (created.type !== "ok") throw new Error(`creating ${username}: ${created.message}`);
    const token = await postJson(`${hearth.origin}/oauth/token`, {
      grant_type: "password",
      username: email,
      password,
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: "read write",
    });
    users.push({ username, accountId: created.accountId, token: token.access_token as string });
  }
  return users;
}
