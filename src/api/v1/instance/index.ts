// GET /api/v1/instance and its sub-resources, one file per endpoint.
import { Hono } from "hono";
import type { Env } from "../../env.ts";
import { activityRoute } from "./activity.ts";
import { domainBlocksRoute } from "./domain-blocks.ts";
import { extendedDescriptionRoute } from "./extended-description.ts";
import { languagesRoute } from "./languages.ts";
import { peersRoute } from "./peers.ts";
import { privacyPolicyRoute } from "./privacy-policy.ts";
import { rulesRoute } from "./rules.ts";
import { showInstanceV1Route } from "./show.ts";
import { termsOfServiceRoute } from "./terms-of-service.ts";
import { translationLanguagesRoute } from "./translation-languages.ts";

export const instanceV1Routes = new Hono<Env>()
  .route("/", showInstanceV1Route)
  .route("/", rulesRoute)
  .route("/", peersRoute)
  .route("/", activityRoute)
  .route("/", extendedDescriptionRoute)
  .route("/", privacyPolicyRoute)
  .route("/", termsOfServiceRoute)
  .route("/", languagesRoute)
  .route("/", translationLanguagesRoute)
  .route("/", domainBlocksRoute);
