// Discovery documents other servers and crawlers read before anything else: NodeInfo and
// host-meta. (WebFinger and actors come with the federation work.)
import { Hono } from "hono";
import type { Env } from "../../api/env.ts";
import { hostMetaRoutes } from "./host-meta.ts";
import { nodeInfoRoutes } from "./nodeinfo.ts";

export const discoveryRoutes = new Hono<Env>()
  .route("/", nodeInfoRoutes)
  .route("/", hostMetaRoutes);
