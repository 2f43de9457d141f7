// The account settings pages, mounted together: /settings goes to the first of them.
import { Hono } from "hono";
import type { Env } from "../../api/env.ts";
import { aliasSettingsRoutes } from "./aliases.ts";
import { deleteAccountRoutes } from "./delete.ts";
import { migrationSettingsRoutes } from "./migration.ts";
import { passwordSettingsRoutes } from "./password.ts";
import { twoFactorSettingsRoutes } from "./two-factor.ts";

export const settingsRoutes = new Hono<Env>()
  .get("/settings", (c) => c.redirect("/settings/two_factor", 302))
  .route("/", twoFactorSettingsRoutes)
  .route("/", passwordSettingsRoutes)
  .route("/", aliasSettingsRoutes)
  .route("/", migrationSettingsRoutes)
  .route("/", deleteAccountRoutes);
