// Markers — https://docs.joinmastodon.org/methods/markers/
//   GET /api/v1/markers?timeline[]=home&timeline[]=notifications → {home: Marker, …}
//   POST /api/v1/markers  home[last_read_id]=…, notifications[last_read_id]=…
import { Hono } from "hono";
import { isId } from "../../domain/id.ts";
import { unprocessable } from "../../lib/errors.ts";
import {
  getMarkers,
  isMarkerTimeline,
  MARKER_TIMELINES,
  type MarkerTimeline,
  saveMarkers,
} from "../../services/markers/markers.ts";
import { toMarkers } from "../entities/marker.ts";
import type { Env } from "../env.ts";
import { currentUser, requireAuth } from "../middleware/auth.ts";
import { type ParamObject, readParams, stringList } from "../params.ts";

export const markerRoutes = new Hono<Env>()
  .get("/", requireAuth({ scopes: ["read:statuses"] }), async (c) => {
    const asked = stringList(await readParams(c), "timeline", { max: 10 });
    const timelines = asked.filter(isMarkerTimeline);
    const rows = await getMarkers(c.var.ctx, currentUser(c).accountId, [...new Set(timelines)]);
    return c.json(toMarkers(rows));
  })
  .post("/", requireAuth({ scopes: ["write:statuses"] }), async (c) => {
    const params = await readParams(c);
    const positions = new Map<MarkerTimeline, string>();
    for (const timeline of MARKER_TIMELINES) {
      const value = params[timeline];
      if (value === undefined || value === null) continue;
      const id = typeof value === "object" ? (value as ParamObject).last_read_id : undefined;
      const text = typeof id === "number" ? String(id) : id;
      if (typeof text !== "string" || text === "") {
        throw unprocessable("Validation failed: Last read can't be blank");
      }
      if (!isId(text)) throw unprocessable("Validation failed: Last read must be an id");
      positions.set(timeline, text);
    }
    const rows = await saveMarkers(c.var.ctx, currentUser(c).accountId, positions);
    return c.json(toMarkers(rows));
  });
