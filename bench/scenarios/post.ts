// Posting: POST /api/v1/statuses throughput over HTTP (a few users, each post mentioning two
// others and carrying two hashtags) against a bare Kysely insert of the same rows into the same
// SQLite database; and one 2000×1500 JPEG through POST /api/v1/media (answered once processed)
// against a bare sharp resize + WebP of the same image. Hearth runs in this process with a real
// loopback listener, so the baseline can write into its database; rounds alternate the order.
import { createUsers, startInProcess } from "../lib/in-process.ts";
import {
  insertCopies,
  loadTemplates,
  makePhoto,
  postStatuses,
  resizePhoto,
  type Timed,
  tableCounts,
  uploadPhoto,
} from "../lib/post-work.ts";
import { round, roundStats, summarize } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const USERS = ["ana", "ben", "chloe", "dev"];

interface PostSample extends Timed {
  round: number;
  kind: "hearth" | "baseline";
  count: number;
  perSecond: number;
}

interface MediaSample extends Timed {
  run: number;
  kind: "hearth" | "baseline";
}

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const rounds = ctx.quick ? 1 : 3;
  const perRound = ctx.quick ? 100 : 400;
  const warmupPosts = ctx.quick ? 20 : 100;
  const photos = ctx.quick ? 3 : 10;
  const problems: string[] = [];
  if (ctx.pin) problems.push("--pin does not apply: client and server share this process");

  const hearth = await startInProcess({ HEARTH_RATE_LIMITS: "false" });
  try {
    const users = await createUsers(hearth, USERS);
    ctx.log(`users ${USERS.join(", ")} created, tokens from the password grant`);
    // Warm-up (not recorded): JIT, page cache, and the rows the baseline copies.
    const warm = await postStatuses(hearth, users, warmupPosts, 0);
    const sample = warm.sample as { mentions?: unknown[]; tags?: unknown[] };
    if (sample?.mentions?.length !== 2 || sample?.tags?.length !== 2)
      problems.push(`a warm-up post did not come back with 2 mentions and 2 tags`);
    const templates = await loadTemplates(hearth, warm.ids);
    await insertCopies(hearth, templates, warmupPosts, users.length);

    const posts: PostSample[] = [];
    const before = await tableCounts(hearth);
    let hearthPosted = 0;
    let offset = warmupPosts;
    for (let r = 1; r <= rounds; r++) {
      const order =
        r % 2 === 1 ? (["hearth", "baseline"] as const) : (["baseline", "hearth"] as const);
      for (const kind of order) {
        const timed =
          kind === "hearth"
            ? await postStatuses(hearth, users, perRound, offset)
            : await insertCopies(hearth, templates, perRound, users.length);
        if (kind === "hearth") {
          offset += perRound;
          hearthPosted += perRound;
        }
        const perSecond = (perRound / timed.ms) * 1000;
        posts.push({
          round: r,
          kind,
          count: perRound,
          ms: timed.ms,
          statuses: timed.statuses,
          perSecond,
        });
        ctx.log(
          `round ${r}/${rounds} ${kind}: ${perRound} in ${timed.ms.toFixed(0)} ms (${perSecond.toFixed(0)}/s) ${JSON.stringify(timed.statuses)}`,
        );
      }
    }
    for (const s of posts.filter((p) => p.kind === "hearth"))
      if (s.statuses["200"] !== s.count)
        problems.push(`round ${s.round}: statuses ${JSON.stringify(s.statuses)}`);
    const after = await tableCounts(hearth);
    const baselineRows = rounds * perRound;
    // Rows per Hearth post by table; the baseline's own rows (statuses, mentions, status_tags)
    // are taken out so only what Hearth wrote is shown.
    const own: Record<string, number> = {
      statuses: baselineRows,
      mentions: baselineRows * 2,
      status_tags: baselineRows * 2,
    };
    const rowsPerPost = Object.fromEntries(
      Object.entries(after)
        .map(([t, n]) => [t, (n - (before[t] ?? 0) - (own[t] ?? 0)) / hearthPosted] as const)
        .filter(([, n]) => n !== 0)
        .map(([t, n]) => [t, round(n, 2)]),
    );

    // Media: one photo at a time, Hearth and bare sharp alternating, after one warm-up each.
    const photo = await makePhoto();
    const uploader = users[0] as (typeof users)[number];
    await uploadPhoto(hearth, uploader, photo);
    await resizePhoto(photo);
    const media: MediaSample[] = [];
    for (let i = 1; i <= photos; i++) {
      const order =
        i % 2 === 1 ? (["hearth", "baseline"] as const) : (["baseline", "hearth"] as const);
      for (const kind of order) {
        if (kind === "hearth") {
          const up = await uploadPhoto(hearth, uploader, photo);
          const original = up.body.meta?.original;
          if (up.statuses["200"] !== 1 || original?.width !== 2000 || original?.height !== 1500)
            problems.push(
              `upload ${i}: ${JSON.stringify(up.statuses)} ${JSON.stringify(original)}`,
            );
          media.push({ run: i, kind, ms: up.ms, statuses: up.statuses });
        } else media.push({ run: i, kind, ...(await resizePhoto(photo)) });
      }
      const last = media.slice(-2).map((m) => `${m.kind} ${m.ms.toFixed(0)} ms`);
      ctx.log(`photo ${i}/${photos}: ${last.join(", ")}`);
    }

    const rate = (kind: PostSample["kind"]) =>
      summarize(posts.filter((p) => p.kind === kind).map((p) => p.perSecond));
    const photoMs = (kind: MediaSample["kind"]) =>
      summarize(media.filter((m) => m.kind === kind).map((m) => m.ms));
    const h = rate("hearth");
    const b = rate("baseline");
    const hm = photoMs("hearth");
    const bm = photoMs("baseline");
    const postRatio = h.median / b.median;
    const mediaRatio = hm.median / bm.median;
    const table = Object.entries(rowsPerPost)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ");
    const markdown = [
      `Posting: ${USERS.length} users, one request in flight each; every post mentions two of the others and carries two hashtags (\`#HearthBench #topicN\`). ${rounds} round(s) of ${perRound} posts per side after ${warmupPosts} warm-up posts, order alternated per round. Hearth is booted in the harness process (SQLite file in a temp data dir, rate limits off, no job worker) and listens on 127.0.0.1; the client is \`fetch\` in the same process, so its cost is in Hearth's number. The baseline inserts the rows Hearth wrote for the warm-up posts (the status, its mentions, its hashtag links; new ids) with bare Kysely, one transaction per post, ${USERS.length} writers, into the same database.`,
      "",
      "| Side | statuses/s median (min–max, CV) | ms per status |",
      "|---|---|---|",
      `| Hearth, POST /api/v1/statuses | ${h.median.toFixed(0)} (${h.min.toFixed(0)}–${h.max.toFixed(0)}, CV ${(h.cv * 100).toFixed(1)}%) | ${(1000 / h.median).toFixed(2)} |`,
      `| bare Kysely insert, same rows | ${b.median.toFixed(0)} (${b.min.toFixed(0)}–${b.max.toFixed(0)}, CV ${(b.cv * 100).toFixed(1)}%) | ${(1000 / b.median).toFixed(2)} |`,
      "",
      `Ratio Hearth/bare: **${postRatio.toFixed(3)}** in statuses/s (Hearth costs ${(b.median / h.median).toFixed(1)}× the bare insert). Rows written per Hearth post, by table: ${table}.`,
      "",
      `Media: a ${photo.length.toLocaleString("en-US")}-byte 2000×1500 JPEG, ${photos} upload(s) through POST /api/v1/media (check, raw upload stored, row and job in one transaction, processing inline: upright original re-encoded, WebP preview, blurhash) timed from request to 200, alternating with bare sharp (decode, resize to the preview's size, WebP) on the same bytes.`,
      "",
      "| Side | ms per image median (min–max, CV) |",
      "|---|---|",
      `| Hearth, POST /api/v1/media | ${hm.median.toFixed(0)} (${hm.min.toFixed(0)}–${hm.max.toFixed(0)}, CV ${(hm.cv * 100).toFixed(1)}%) |`,
      `| bare sharp resize + WebP | ${bm.median.toFixed(0)} (${bm.min.toFixed(0)}–${bm.max.toFixed(0)}, CV ${(bm.cv * 100).toFixed(1)}%) |`,
      "",
      `Ratio Hearth/bare: **${mediaRatio.toFixed(2)}×** the time. The machine is shared; compare ratios, not absolute numbers.`,
    ].join("\n");
    return {
      ok: problems.filter((p) => !p.startsWith("--pin")).length === 0,
      problems,
      parameters: {
        users: USERS.length,
        rounds,
        perRound,
        warmupPosts,
        photos,
        photoBytes: photo.length,
        photoSize: "2000x1500",
      },
      samples: {
        posts: posts.map((p) => ({ ...p, ms: round(p.ms, 1), perSecond: round(p.perSecond, 1) })),
        media: media.map((m) => ({ ...m, ms: round(m.ms, 1) })),
      },
      summary: {
        posting: {
          hearth: roundStats(h),
          baseline: roundStats(b),
          ratio: round(postRatio, 3),
          rowsPerPost,
        },
        media: { hearth: roundStats(hm), baseline: roundStats(bm), ratio: round(mediaRatio, 3) },
      },
      headlines: [
        {
          label: "POST /api/v1/statuses throughput (median statuses/s)",
          value: round(h.median, 0),
          unit: "statuses/s",
          baseline: round(b.median, 0),
          ratio: round(postRatio, 3),
        },
        {
          label: "2000×1500 JPEG upload → processed (median)",
          value: round(hm.median, 0),
          unit: "ms",
          baseline: round(bm.median, 0),
          ratio: round(mediaRatio, 2),
        },
      ],
      markdown,
    };
  } finally {
    await hearth.stop();
  }
}

export const scenario: Scenario = {
  name: "post",
  title: "Posting and media processing",
  description:
    "POST /api/v1/statuses throughput with mentions and hashtags, as a ratio to a bare Kysely insert of the same rows into the same database; and the time to upload and process a 2000×1500 JPEG, as a ratio to a bare sharp resize + WebP of it; measured in the same run.",
  run,
};
