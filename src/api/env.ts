import type { HttpBindings } from "@hono/node-server";
import type { AppContext } from "../context.ts";
import type { Auth } from "./middleware/auth.ts";

/** Hono environment of every route: the AppContext and per-request values. */
export interface Env {
  // Partial: in-process tests (app.request) have no Node socket unless the rig gives one.
  Bindings: Partial<HttpBindings>;
  Variables: {
    ctx: AppContext;
    requestId: string;
    /** The request's OAuth token, resolved by middleware/auth.ts; null when none was valid. */
    auth: Auth | null;
  };
}
