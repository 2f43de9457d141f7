// The measured work of the `post` scenario (scenarios/post.ts): posting over HTTP and its bare-insert
// baseline, uploading a photo through the pipeline and its bare-sharp baseline.
import { performance } from "node:perf_hooks";
import { type Insertable, type Selectable, sql } from "kysely";
import sharp from "sharp";
import type { StatusesTable } from "../../src/db/schema/index.ts";
import { fitPixels, SMALL_MAX_PIXELS } from "../../src/media/attachments.ts";
import type { InProcessHearth } from "./in-process.ts";

export interface User {
  username: string;
  accountId: string;
  token: string;
}

export interface Timed {
  ms: number;
  /** HTTP status → count (baseline: "ok" → count). */
  statuses: Record<string, number>;
}

const count = (into: Record<string, number>, key: string | number) => {
  into[key] = (into[key] ?? 0) + 1;
};

/** Every user posts in turn, one request in flight per user; each post mentions two others. */
export async function postStatuses(
  hearth: InProcessHearth,
  users: User[],
  total: number,
  offset: number,
): Promise<Timed & { ids: string[]; sample: unknown }> {
  const ids: string[] = [];
  const statuses: Record<string, number> = {};
  let sample: unknown;
  const started = performance.now();
  await Promise.all(
    users.map(async (user, k) => {
      const [a, b] = [users[(k + 1) % users.length], users[(k + 2) % users.length]];
      for (let i = k; i < total; i += users.length) {
        const n = offset + i;
        const res = await fetch(`${hearth.origin}/api/v1/statuses`, {
          method: "POST",
          headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json" },
          body: JSON.stringify({
            status: `Post ${n} for @${a?.username} and @${b?.username}: #HearthBench #topic${n % 10}`,
            visibility: "public",
          }),
        });
        const body = (await res.json()) as { id: string };
        count(statuses, res.status);
        if (res.status === 200) ids.push(body.id);
        sample ??= body;
      }
    }),
  );
  return { ms: performance.now() - started, statuses, ids, sample };
}

interface Template {
  status: Selectable<StatusesTable>;
  mentions: Record<string, unknown>[];
  tags: Record<string, unknown>[];
}

/** The rows Hearth wrote for these posts: the status, its mentions, its hashtag links. */
export async function loadTemplates(hearth: InProcessHearth, ids: string[]): Promise<Template[]> {
  const db = hearth.ctx.db;
  const statuses = await db.selectFrom("statuses").selectAll().where("id", "in", ids).execute();
  const mentions = await db
    .selectFrom("mentions")
    .selectAll()
    .where("status_id", "in", ids)
    .execute();
  const tags = await db
    .selectFrom("status_tags")
    .selectAll()
    .where("status_id", "in", ids)
    .execute();
  return statuses.map((status) => ({
    status,
    mentions: mentions.filter((m) => m.status_id === status.id),
    tags: tags.filter((t) => t.status_id === status.id),
  }));
}

/**
 * The baseline: the same rows (new ids) inserted with bare Kysely, one transaction per post,
 * with the same number of concurrent writers as users posting.
 */
export async function insertCopies(
  hearth: InProcessHearth,
  templates: Template[],
  total: number,
  writers: number,
): Promise<Timed> {
  const { db, newId } = hearth.ctx;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, k) => {
      for (let i = k; i < total; i += writers) {
        const t = templates[i % templates.length] as Template;
        const id = newId();
        await db.transaction().execute(async (trx) => {
          const status = {
            ...t.status,
            id,
            uri: t.status.uri.replace(t.status.id, id),
            url: t.status.url?.replace(t.status.id, id) ?? null,
          };
          await trx
            .insertInto("statuses")
            .values(status as Insertable<StatusesTable>)
            .execute();
          if (t.mentions.length > 0)
            await trx
              .insertInto("mentions")
              .values(t.mentions.map((m) => ({ ...m, id: newId(), status_id: id })) as never)
              .execute();
          if (t.tags.length > 0)
            await trx
              .insertInto("status_tags")
              .values(t.tags.map((x) => ({ ...x, status_id: id })) as never)
              .execute();
        });
        done++;
      }
    }),
  );
  return { ms: performance.now() - started, statuses: { ok: done } };
}

/** Rows per table, to show what one post writes besides the status (jobs, feeds, counters…). */
export async function tableCounts(hearth: InProcessHearth): Promise<Record<string, number>> {
  const tables = await hearth.ctx.db.introspection.getTables();
  const out: Record<string, number> = {};
  for (const t of tables) {
    if (t.name.startsWith("kysely_")) continue;
    const row = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t.name)}`
      .execute(hearth.ctx.db)
      .then((r) => r.rows[0]);
    out[t.name] = Number(row?.n ?? 0);
  }
  return out;
}

/** A 2000×1500 photo-like JPEG: smoothed noise, about 600 KB, the size of a phone photo. */
export async function makePhoto(): Promise<Buffer> {
  const noise = sharp({
    create: {
      width: 2000,
      height: 1500,
      channels: 3,
      background: { r: 0, g: 0, b: 0 },
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  });
  const smooth = await noise.blur(1.5).png().toBuffer();
  return sharp(smooth).jpeg({ quality: 85 }).toBuffer();
}

/** POST /api/v1/media, which answers once processed: request start → 200. */
export async function uploadPhoto(
  hearth: InProcessHearth,
  user: User,
  photo: Buffer,
): Promise<Timed & { body: { meta?: { original?: { width?: number; height?: number } } } }> {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "photo.jpg");
  const started = performance.now();
  const res = await fetch(`${hearth.origin}/api/v1/media`, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  const body = await res.json();
  const ms = performance.now() - started;
  return { ms, statuses: { [res.status]: 1 }, body };
}

/** The baseline: decode, resize to the preview's size and encode WebP with bare sharp. */
export async function resizePhoto(photo: Buffer): Promise<Timed> {
  const [w, h] = fitPixels(2000, 1500, SMALL_MAX_PIXELS);
  const started = performance.now();
  await sharp(Buffer.from(photo)).resize(w, h, { fit: "fill" }).webp().toBuffer();
  return { ms: performance.now() - started, statuses: { ok: 1 } };
}
