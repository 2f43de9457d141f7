// /api/v1/accounts: reading accounts and editing one's own. Sign-up (POST /api/v1/accounts)
// lives in ./register.ts and is mounted on its own. `/:id` comes last so the fixed paths win.
import { Hono } from "hono";
import type { Env } from "../../env.ts";
import { relationshipActionRoutes } from "../relationships/actions.ts";
import { followCollectionRoutes, relationshipsRoute } from "../relationships/reads.ts";
import { accountStatusesRoute } from "../statuses/account-statuses.ts";
import { listAccountsRoute } from "./list.ts";
import { lookupAccountRoute } from "./lookup.ts";
import { searchAccountsRoute } from "./search.ts";
import { showAccountRoute } from "./show.ts";
import { updateCredentialsRoute } from "./update-credentials.ts";
import { verifyCredentialsRoute } from "./verify-credentials.ts";

export const accountsRoutes = new Hono<Env>()
  .route("/", verifyCredentialsRoute)
  .route("/", updateCredentialsRoute)
  .route("/", lookupAccountRoute)
  .route("/", searchAccountsRoute)
  .route("/", listAccountsRoute)
  .route("/", relationshipsRoute)
  .route("/", relationshipActionRoutes)
  .route("/", followCollectionRoutes)
  .route("/", accountStatusesRoute)
  .route("/", showAccountRoute);
