// PATCH /api/v1/accounts/update_credentials — https://docs.joinmastodon.org/methods/accounts/#update_credentials
// Multipart (masto.js, Tusky), form or JSON. `source[privacy]` arrives as a nested object
// either way; `fields_attributes` as a Rails indexed object or a JSON array.
import { Hono } from "hono";
import { unprocessable } from "../../../lib/errors.ts";
import { enqueueDelivery } from "../../../services/federation/enqueue-delivery.ts";
import { getOwnProfile } from "../../../services/profiles/get-own-profile.ts";
import { type ProfileUpdate, updateProfile } from "../../../services/profiles/update-profile.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import {
  objectList,
  optionalBoolean,
  optionalString,
  type ParamObject,
  type Params,
  readParams,
} from "../../params.ts";
import { presentCredentialAccount } from "./hydrate.ts";

function file(params: Params, name: "avatar" | "header"): Blob | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (value instanceof Blob) return value;
  const label = name === "avatar" ? "Avatar" : "Header";
  throw unprocessable(`Validation failed: ${label} content type is invalid`);
}

function readUpdate(params: Params): ProfileUpdate {
  const source = params.source;
  const src: ParamObject =
    typeof source === "object" &&
    source !== null &&
    !Array.isArray(source) &&
    !(source instanceof Blob)
      ? source
      : {};
  const fields =
    params.fields_attributes === undefined
      ? undefined
      : objectList(params, "fields_attributes").map((f) => ({
          name: optionalString(f, "name") ?? "",
          value: optionalString(f, "value") ?? "",
        }));
  const update: ProfileUpdate = {
    displayName: optionalString(params, "display_name"),
    note: optionalString(params, "note"),
    avatar: file(params, "avatar"),
    header: file(params, "header"),
    avatarDescription: optionalString(params, "avatar_description"),
    headerDescription: optionalString(params, "header_description"),
    locked: optionalBoolean(params, "locked"),
    bot: optionalBoolean(params, "bot"),
    discoverable: optionalBoolean(params, "discoverable"),
    indexable: optionalBoolean(params, "indexable"),
    hideCollections: optionalBoolean(params, "hide_collections"),
    fields,
    privacy: optionalString(src, "privacy"),
    sensitive: optionalBoolean(src, "sensitive"),
    language: optionalString(src, "language"),
    quotePolicy: optionalString(src, "quote_policy"),
  };
  // Absent keys stay absent: the service changes only what was sent.
  for (const key of Object.keys(update) as (keyof ProfileUpdate)[]) {
    if (update[key] === undefined) delete update[key];
  }
  return update;
}

export const updateCredentialsRoute = new Hono<Env>().patch(
  "/update_credentials",
  requireAuth({ scopes: ["write:accounts"] }),
  async (c) => {
    const ctx = c.var.ctx;
    const user = currentUser(c);
    await updateProfile(ctx, user.id, readUpdate(await readParams(c)));
    // Followers' servers get the profile as it now is (Mastodon sends it on every update).
    await enqueueDelivery(ctx, "account", user.accountId, { activity: "Update" });
    return c.json(presentCredentialAccount(ctx, await getOwnProfile(ctx, user.id)));
  },
);
