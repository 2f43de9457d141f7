// A pub/sub message (domain/streaming.ts: an event and what changed) → what one viewer's
// stream sends, or nothing.
//   - update / status.update on the public and hashtag streams: checked and rendered once per
//     event for everyone listening (waves.ts), as Mastodon's anonymous payload for those
//     streams (dropped when the viewer may not read that part of the feed: the feed access
//     settings, domain/feed-access.ts); a viewer who blocks or mutes the author or a mentioned
//     account, whom the author blocks, or who blocks the author's domain gets nothing
//     (services/streaming/stream-status).
//     The viewer's filters apply (stream-filters.ts): `hide` for `public` drops the event,
//     other matches add `filtered`.
//   - update / status.update elsewhere (user, list): rendered for the viewer after the
//     visibility rule, with the REST presenters; a `hide` filter for `home` drops it.
//   - notification (payload: its id) and conversation (the viewer's conversation id): rendered
//     for the viewer with their presenters, nothing when it is not theirs (nor when a `hide`
//     filter for `notifications` matches the notification's status).
//   - ids (delete, announcement.delete) and payloads the publisher rendered go out as they are;
//     filters_changed without a payload. Any other event is not sent.
import type { AppContext } from "../../context.ts";
import { feedAccessOf, mayReadFeed } from "../../domain/feed-access.ts";
import { loadFilterRules } from "../../services/filters/apply-filters.ts";
import { getStatus } from "../../services/statuses/get-status.ts";
import { publicStatusForStreams } from "../../services/streaming/stream-status.ts";
import { feedAccessSettings } from "../../services/timelines/feed-access.ts";
import type { Status } from "../entities/status.ts";
import { renderConversationEvent } from "../v1/conversations.ts";
import { presentNotificationById } from "../v1/notifications/present.ts";
import { presentStatus, presentStatuses } from "../v1/statuses/present.ts";
import { filteredPayload } from "./stream-filters.ts";
import type { ResolvedStream } from "./streams.ts";
import { shareInWave, type Wave } from "./waves.ts";

export interface RenderInput {
  viewerId: string;
  /** users.role of the viewer (the feed access settings let staff with view_feeds through). */
  viewerRole?: string | null | undefined;
  /** The id or JSON the publisher put in the message. */
  payload: string;
  stream: ResolvedStream;
}

/** Returns the payload to send (a string; JSON for entities), or null to send nothing. */
export type Renderer = (ctx: AppContext, input: RenderInput) => Promise<string | null>;

// The user and list streams are the home feed's: a `hide` filter for `home` drops the event.
const renderStatus: Renderer = async (ctx, { viewerId, payload }) => {
  const row = await getStatus(ctx, viewerId, payload);
  if (row === undefined) return null;
  const [status] = await presentStatuses(ctx, [row], viewerId, { filterContext: "home" });
  return status === undefined ? null : JSON.stringify(status);
};

const renderNotification: Renderer = async (ctx, { viewerId, payload }) => {
  const notification = await presentNotificationById(ctx, viewerId, payload);
  return notification === undefined ? null : JSON.stringify(notification);
};

/** Entity events, each rendered for the viewer. */
export const renderers: Partial<Record<string, Renderer>> = {
  update: renderStatus,
  "status.update": renderStatus,
  notification: renderNotification,
  conversation: (ctx, { viewerId, payload }) => renderConversationEvent(ctx, viewerId, payload),
};

const PASS_THROUGH = new Set([
  "delete",
  "announcement",
  "announcement.reaction",
  "announcement.delete",
  "notifications_merged",
]);

export interface Frame {
  event: string;
  /** Absent for filters_changed, as Mastodon sends it. */
  payload?: string;
}

interface PreparedPublic {
  status: Status;
  json: string;
  asked: Set<string>;
  hiding: Set<string>;
  local: boolean;
}

/** The feed access settings (Mastodon's filterLocal/filterRemote): read once per wave. */
async function feedReadable(
  ctx: AppContext,
  wave: Wave,
  input: Omit<RenderInput, "payload">,
  local: boolean,
): Promise<boolean> {
  const kind = input.stream.feed;
  if (kind === null) return true;
  const settings = await shareInWave(wave, "feed-access", () => feedAccessSettings(ctx));
  const access = feedAccessOf(settings, kind);
  return mayReadFeed(local ? access.local : access.remote, { role: input.viewerRole ?? null });
}

/** A status event on a public or hashtag stream: one check and one rendering per wave. */
async function publicStatusPayload(
  ctx: AppContext,
  wave: Wave,
  statusId: string,
  input: Omit<RenderInput, "payload">,
): Promise<string | null> {
  const viewerId = input.viewerId;
  const prepared = await shareInWave(wave, "public", async (): Promise<PreparedPublic | null> => {
    const found = await publicStatusForStreams(ctx, statusId, wave.viewers);
    if (found === undefined) return null;
    const status = await presentStatus(ctx, found.status, null);
    return {
      status,
      json: JSON.stringify(status),
      asked: new Set(wave.viewers),
      hiding: found.hiding,
      local: found.local,
    };
  });
  if (prepared === null) return null;
  if (!(await feedReadable(ctx, wave, input, prepared.local))) return null;
  const asked = prepared.asked.has(viewerId);
  if (asked && prepared.hiding.has(viewerId)) return null;
  if (!asked) {
    // Subscribed while the message was on its way: checked on its own.
    const alone = await publicStatusForStreams(ctx, statusId, [viewerId]);
    if (alone === undefined || alone.hiding.has(viewerId)) return null;
  }
  // The viewers' filters: read once for the wave's viewers (one query when none has any).
  const rules = asked
    ? await shareInWave(wave, "filters", () => loadFilterRules(ctx, wave.viewers))
    : await loadFilterRules(ctx, [viewerId]);
  return filteredPayload(rules.get(viewerId), viewerId, prepared.status, prepared.json, "public");
}

export async function renderFrame(
  ctx: AppContext,
  wave: Wave,
  input: Omit<RenderInput, "payload">,
): Promise<Frame | null> {
  if (wave.message === undefined) return null;
  const { event, payload } = wave.message;
  if (event === "filters_changed") return { event };
  if (PASS_THROUGH.has(event)) return { event, payload };
  if (input.stream.filter && (event === "update" || event === "status.update")) {
    const json = await publicStatusPayload(ctx, wave, payload, input);
    return json === null ? null : { event, payload: json };
  }
  const renderer = renderers[event];
  if (renderer === undefined) return null;
  // Several connections of one viewer share the rendering.
  const rendered = await shareInWave(wave, `viewer:${input.viewerId}`, () =>
    renderer(ctx, { ...input, payload }),
  );
  return rendered === null ? null : { event, payload: rendered };
}
