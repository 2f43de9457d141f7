// The Mastodon client API, mounted at /api. Each resource is a sub-app in v1/ or v2/.
import { Hono } from "hono";
import type { Env } from "./env.ts";
import { instanceV1Routes } from "./v1/instance/index.ts";
import { instanceV2Routes } from "./v2/instance.ts";

export const apiRoutes = new Hono<Env>()
  .route("/v1/instance", instanceV1Routes)
  .route("/v2/instance", instanceV2Routes);
