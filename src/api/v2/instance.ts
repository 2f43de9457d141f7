import { Hono } from "hono";
import type { Env } from "../env.ts";

export const instanceV2Routes = new Hono<Env>();
