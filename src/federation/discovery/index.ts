import { Hono } from "hono";
import type { Env } from "../../api/env.ts";

export const discoveryRoutes = new Hono<Env>();
