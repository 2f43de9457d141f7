// Every response carries X-Request-Id (exposed to browsers by CORS). An id set by a proxy in
// front of us is kept when it looks like one, so logs on both sides line up.
import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import type { Env } from "../env.ts";

const SAFE_ID = /^[A-Za-z0-9_.:-]{8,128}$/;

export const requestId = createMiddleware<Env>(async (c, next) => {
  const incoming = c.req.header("x-request-id");
  const id = incoming !== undefined && SAFE_ID.test(incoming) ? incoming : randomUUID();
  c.set("requestId", id);
  c.header("X-Request-Id", id);
  await next();
});
