import { Hono } from "hono";
import type { Env } from "../../env.ts";

// GET /api/v1/instance and its sub-resources — filled in by the instance endpoints work.
export const instanceV1Routes = new Hono<Env>();
