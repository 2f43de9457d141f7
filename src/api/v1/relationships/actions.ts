// POST /api/v1/accounts/:id/{follow,unfollow,remove_from_followers,block,unblock,mute,unmute,
// note,endorse,unendorse}
// https://docs.joinmastodon.org/methods/accounts/ — each answers the Relationship with :id.
// The legacy `follow` scope still covers follows, blocks and mutes (domain/scopes.ts).
import { Hono } from "hono";
import { isLanguageCode } from "../../../domain/languages.ts";
import { unprocessable } from "../../../lib/errors.ts";
import { block } from "../../../services/relationships/block.ts";
import { endorse, unendorse } from "../../../services/relationships/endorse.ts";
import { follow } from "../../../services/relationships/follow.ts";
import { mute } from "../../../services/relationships/mute.ts";
import { removeFromFollowers } from "../../../services/relationships/remove-from-followers.ts";
import { MAX_NOTE_LENGTH, setNote } from "../../../services/relationships/set-note.ts";
import { unblock } from "../../../services/relationships/unblock.ts";
import { unfollow } from "../../../services/relationships/unfollow.ts";
import { unmute } from "../../../services/relationships/unmute.ts";
import type { Env } from "../../env.ts";
import { currentUser, requireAuth } from "../../middleware/auth.ts";
import {
  optionalBoolean,
  optionalInteger,
  optionalString,
  readParams,
  stringList,
} from "../../params.ts";
import { pathId, relationshipResponse } from "./respond.ts";

const follows = requireAuth({ scopes: ["write:follows"] });
const blocks = requireAuth({ scopes: ["write:blocks"] });
const mutes = requireAuth({ scopes: ["write:mutes"] });
const accounts = requireAuth({ scopes: ["write:accounts"] });

export const relationshipActionRoutes = new Hono<Env>()
  .post("/:id/follow", follows, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    const params = await readParams(c);
    const hasLanguages = "languages" in params || "languages[]" in params;
    const result = await follow(c.var.ctx, me, id, {
      reblogs: optionalBoolean(params, "reblogs"),
      notify: optionalBoolean(params, "notify"),
      // Mastodon keeps only codes it knows; an empty list means every language.
      languages: hasLanguages
        ? stringList(params, "languages", { max: 100 }).filter(isLanguageCode)
        : undefined,
    });
    return relationshipResponse(c, result, me, id);
  })
  .post("/:id/unfollow", follows, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    return relationshipResponse(c, await unfollow(c.var.ctx, me, id), me, id);
  })
  .post("/:id/remove_from_followers", follows, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    return relationshipResponse(c, await removeFromFollowers(c.var.ctx, me, id), me, id);
  })
  .post("/:id/block", blocks, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    return relationshipResponse(c, await block(c.var.ctx, me, id), me, id);
  })
  .post("/:id/unblock", blocks, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    return relationshipResponse(c, await unblock(c.var.ctx, me, id), me, id);
  })
  .post("/:id/mute", mutes, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    const params = await readParams(c);
    const result = await mute(c.var.ctx, me, id, {
      notifications: optionalBoolean(params, "notifications"),
      // Up to a year ahead; Mastodon's own menus offer at most a week.
      duration: optionalInteger(params, "duration", { min: 0, max: 366 * 24 * 3600 }),
    });
    return relationshipResponse(c, result, me, id);
  })
  .post("/:id/unmute", mutes, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    return relationshipResponse(c, await unmute(c.var.ctx, me, id), me, id);
  })
  .post("/:id/note", accounts, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    const comment = optionalString(await readParams(c), "comment") ?? "";
    const result = await setNote(c.var.ctx, me, id, comment);
    if (result.type === "too-long")
      throw unprocessable(
        `Validation failed: Comment is too long (maximum is ${MAX_NOTE_LENGTH} characters)`,
      );
    return relationshipResponse(c, result, me, id);
  })
  .post("/:id/endorse", accounts, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    const result = await endorse(c.var.ctx, me, id);
    if (result.type === "not-following")
      throw unprocessable(
        "Validation failed: You must be already following a person you want to endorse",
      );
    return relationshipResponse(c, result, me, id);
  })
  .post("/:id/unendorse", accounts, async (c) => {
    const me = currentUser(c).accountId;
    const id = pathId(c);
    return relationshipResponse(c, await unendorse(c.var.ctx, me, id), me, id);
  });
