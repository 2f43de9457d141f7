// Media attachments through the API: upload (v1 waits, v2 answers 202 and GET answers 206
// until processed), describe and refocus, delete, and every refusal. Processing is the
// `media.process` job, run here with runDueJobs so the sequence is deterministic.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import sharp from "sharp";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { NO_VIDEO_MESSAGE } from "../../src/media/attachments.ts";
import { setFfmpegAvailable } from "../../src/media/video.ts";
import { needsFfmpeg, wavAudio, webmVideo } from "../media/av-fixtures.ts";
import { animatedGif, blob, pngBomb, pngImage, sidewaysJpeg, solid } from "../media/fixtures.ts";
import {
  assertAuthEnforced,
  assertSchema,
  assertSpec,
  createToken,
  describeEachDatabase,
} from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

const withFfmpeg = await needsFfmpeg();

describeEachDatabase(
  "media attachments",
  (rig) => {
    let alice = "";
    let bob = "";
    const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
    before(async () => {
      alice = await createToken(rig().ctx, "alice", "read write");
      bob = await createToken(rig().ctx, "bob", "write:media");
    });

    function form(file: Uint8Array | null, fields: Record<string, string> = {}, name = "a.png") {
      const f = new FormData();
      if (file !== null) f.set("file", blob(file, "image/png"), name);
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return f;
    }
    async function upload(version: 1 | 2, body: FormData, token = alice) {
      const path = `/api/v${version}/media`;
      const res = await rig().send<Json>("POST", path, body, as(token));
      assertSpec("POST", path, res.status, res.body);
      return res;
    }
    async function get(id: string, token = alice) {
      const res = await rig().get<Json>(`/api/v1/media/${id}`, as(token));
      // The spec documents 206 without a body schema: it is the same MediaAttachment.
      if (res.status === 206) assertSchema("MediaAttachment", res.body);
      else assertSpec("GET", `/api/v1/media/${id}`, res.status, res.body);
      return res;
    }
    const keyOf = (url: string) => new URL(url).pathname.replace(/^\/system\//, "");

    test("every endpoint needs a user token with write:media", async () => {
      for (const [method, path] of [
        ["POST", "/api/v1/media"],
        ["POST", "/api/v2/media"],
        ["GET", "/api/v1/media/1"],
        ["PUT", "/api/v1/media/1"],
        ["DELETE", "/api/v1/media/1"],
      ] as const) {
        await assertAuthEnforced(rig(), { method, path, scope: "write:media" });
      }
    });

    test("v1 upload: upright, stripped, preview, blurhash, meta; /system serves it safely", async () => {
      const res = await upload(
        1,
        form(await sidewaysJpeg(), { description: "A red and blue card", focus: "0.5,-0.25" }),
      );
      assert.equal(res.status, 200, res.text);
      const m = res.body;
      assert.equal(m.type, "image");
      assert.equal(m.description, "A red and blue card");
      assert.match(
        m.url,
        /^https:\/\/hearth\.test\/system\/media_attachments\/files\/\d+\/original\/[0-9a-f]{24}\.jpg$/,
      );
      assert.match(m.preview_url, /\/small\/[0-9a-f]{24}\.webp$/);
      assert.equal(typeof m.blurhash, "string");
      assert.deepEqual(m.meta.original, { width: 40, height: 80, size: "40x80", aspect: 0.5 });
      assert.deepEqual(m.meta.focus, { x: 0.5, y: -0.25 });
      for (const [url, type] of [
        [m.url, "image/jpeg"],
        [m.preview_url, "image/webp"],
      ]) {
        const file = await rig().request(new URL(url).pathname);
        assert.equal(file.status, 200);
        assert.equal(file.headers.get("content-type"), type);
        assert.equal(file.headers.get("x-content-type-options"), "nosniff");
        assert.match(
          file.headers.get("content-security-policy") ?? "",
          /default-src 'none'; sandbox/,
        );
        const meta = await sharp(Buffer.from(await file.arrayBuffer())).metadata();
        assert.equal(meta.exif, undefined, "no EXIF (the camera's secrets are gone)");
      }
      const again = await get(m.id);
      assert.equal(again.status, 200);
      assert.deepEqual(again.body, m);
    });

    test("v2 upload: 202 with url null, GET 206 while processing, then 200", async () => {
      const res = await upload(2, form(await pngImage(30, 20)));
      assert.equal(res.status, 202, res.text);
      assert.equal(res.body.url, null);
      assert.equal(res.body.preview_url, null);
      const id = res.body.id;
      const pending = await get(id);
      assert.equal(pending.status, 206);
      assert.equal(pending.body.url, null);
      assert.equal(await runDueJobs(rig().ctx), 1);
      const done = await get(id);
      assert.equal(done.status, 200);
      assert.match(done.body.url, /\.png$/);
      assert.deepEqual(done.body.meta.original, {
        width: 30,
        height: 20,
        size: "30x20",
        aspect: 1.5,
      });
    });

    test("N1: hostile file names never reach a path; keys are generated", async () => {
      for (const name of [
        "../../etc/passwd",
        "..%2f..%2fconfig.json",
        "/abs/path.png",
        "a\0.png",
      ]) {
        const res = await upload(2, form(await pngImage(9, 9), {}, name));
        assert.equal(res.status, 202, name);
      }
      await runDueJobs(rig().ctx);
    });

    test("without ffmpeg: animated GIFs stay GIF images; video and audio are refused", async () => {
      setFfmpegAvailable(false);
      try {
        const gif = await upload(1, form(await animatedGif(), {}, "a.gif"));
        assert.equal(gif.status, 200, gif.text);
        assert.equal(gif.body.type, "image");
        assert.match(gif.body.url, /\.gif$/);
        const mp4 = Buffer.from("\0\0\0\x18ftypmp42\0\0\0\0mp42isom", "latin1");
        for (const version of [1, 2] as const) {
          const res = await upload(version, form(mp4, {}, "v.mp4"));
          assert.equal(res.status, 422);
          assert.equal(res.body.error, NO_VIDEO_MESSAGE);
        }
      } finally {
        setFfmpegAvailable(undefined);
      }
    });

    test(
      "with ffmpeg: GIF → gifv, video → MP4 and audio → MP3, served inline safely",
      withFfmpeg,
      async () => {
        const cases: [Uint8Array, string, string, string][] = [
          [await animatedGif(), "gifv", "video/mp4", "a.gif"],
          [await webmVideo(), "video", "video/mp4", "v.webm"],
          [await wavAudio(), "audio", "audio/mpeg", "a.wav"],
        ];
        for (const [bytes, type, contentType, name] of cases) {
          const res = await upload(2, form(bytes, {}, name));
          assert.equal(res.status, 202, res.text);
          assert.equal(res.body.type, type);
          await runDueJobs(rig().ctx);
          const done = await get(res.body.id);
          assert.equal(done.status, 200, done.text);
          const file = await rig().request(new URL(done.body.url).pathname);
          assert.equal(file.headers.get("content-type"), contentType);
          assert.equal(file.headers.get("x-content-type-options"), "nosniff");
          assert.match(file.headers.get("content-security-policy") ?? "", /sandbox/);
          // Ranges, which Safari needs to play video and audio.
          const size = Number((await file.arrayBuffer()).byteLength);
          const part = await rig().request(new URL(done.body.url).pathname, {
            headers: { range: "bytes=0-9" },
          });
          assert.equal(part.status, 206);
          assert.equal(part.headers.get("content-range"), `bytes 0-9/${size}`);
          assert.equal((await part.arrayBuffer()).byteLength, 10);
          const beyond = await rig().request(new URL(done.body.url).pathname, {
            headers: { range: `bytes=${size}-` },
          });
          assert.equal(beyond.status, 416);
          if (type === "audio") assert.equal(done.body.preview_url, null);
          else assert.match(done.body.preview_url, /\.webp$/);
        }
      },
    );

    test("a file whose pixels do not decode ends failed: v1 422, v2 202 then GET 422", async () => {
      const noisy = await solid(300, 300).png({ compressionLevel: 0 }).toBuffer();
      const truncated = noisy.subarray(0, noisy.length / 2);
      const v1 = await upload(1, form(truncated));
      assert.equal(v1.status, 422, v1.text);
      assert.equal(v1.body.error, "Error processing thumbnail for uploaded media");
      const v2 = await upload(2, form(truncated));
      assert.equal(v2.status, 202);
      await runDueJobs(rig().ctx);
      const failed = await get(v2.body.id);
      assert.equal(failed.status, 422);
    });

    test("refusals: not an image, too many pixels, too many bytes, no file", async () => {
      const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
      const padded = Buffer.concat([await pngImage(8, 8), Buffer.alloc(16 * 1024 * 1024)]);
      const cases: [string, FormData, string | RegExp][] = [
        ["HTML called .png", form(html), "Validation failed: File content type is invalid"],
        ["too many pixels", form(pngBomb(7681, 4321)), /dimensions are too large/],
        ["too many bytes", form(padded), /file size must be less than 16 MB/],
        ["no file", form(null), "Validation failed: File can't be blank"],
      ];
      for (const version of [1, 2] as const) {
        for (const [label, body, message] of cases) {
          const res = await upload(version, body);
          assert.equal(res.status, 422, `${label}: ${res.text}`);
          if (typeof message === "string") assert.equal(res.body.error, message, label);
          else assert.match(res.body.error, message, label);
        }
      }
    });

    test("description and focus: limits on upload and on PUT", async () => {
      const png = await pngImage(10, 10);
      const long = "x".repeat(1501);
      const bad: Record<string, string>[] = [
        { description: long },
        { focus: "2,0" },
        { focus: "a,b" },
        { focus: "0.5" },
      ];
      for (const fields of bad) {
        const res = await upload(2, form(png, fields));
        assert.equal(res.status, 422, JSON.stringify(fields));
        assert.match(res.body.error, /^Validation failed: (Description|Focus) /);
      }
      const created = await upload(1, form(png, { description: "x".repeat(1500) }));
      assert.equal(created.status, 200);
      const id = created.body.id;
      const put = (body: unknown, token = alice) =>
        rig().send<Json>("PUT", `/api/v1/media/${id}`, body, as(token));
      for (const body of [{ description: long }, { focus: "-1.5,0" }]) {
        const res = await put(body);
        assert.equal(res.status, 422);
        assertSpec("PUT", `/api/v1/media/${id}`, 422, res.body);
      }
      const res = await put({ description: "Now described", focus: "-1,1" });
      assert.equal(res.status, 200);
      assertSpec("PUT", `/api/v1/media/${id}`, 200, res.body);
      assert.equal(res.body.description, "Now described");
      assert.deepEqual(res.body.meta.focus, { x: -1, y: 1 });
      assert.equal(res.body.url, created.body.url);
    });

    test("someone else's upload is 404 everywhere; attached uploads cannot change or go", async () => {
      const created = await upload(1, form(await pngImage(12, 12)));
      const id = created.body.id;
      const path = `/api/v1/media/${id}`;
      for (const method of ["GET", "PUT", "DELETE"]) {
        const res = await rig().send<Json>(
          method,
          path,
          method === "PUT" ? { description: "x" } : undefined,
          as(bob),
        );
        assert.equal(res.status, 404, method);
        assertSpec(method, path, 404, res.body);
      }
      assert.equal((await get("999999")).status, 404);
      assert.equal((await get("not-an-id")).status, 404);
      // The posting code sets status_id; simulate it.
      await rig()
        .ctx.db.updateTable("media_attachments")
        .set({ status_id: "123" })
        .where("id", "=", id)
        .execute();
      assert.equal((await get(id)).status, 404);
      const put = await rig().send<Json>("PUT", path, { description: "late" }, as(alice));
      assert.equal(put.status, 404);
      const del = await rig().send<Json>("DELETE", path, undefined, as(alice));
      assert.equal(del.status, 422);
      // The spec says ValidationError; Mastodon answers this one with a plain error body.
      assertSchema("Error", del.body);
      assert.equal(del.body.error, "Media attachment is currently used by a status");
      assert.ok(await rig().ctx.storage.get(keyOf(created.body.url)), "the file is still there");
    });

    test("DELETE removes the row and both files", async () => {
      const created = await upload(1, form(await pngImage(14, 14)));
      const { id, url, preview_url } = created.body;
      const res = await rig().send<Json>("DELETE", `/api/v1/media/${id}`, undefined, as(alice));
      assert.equal(res.status, 200);
      assert.deepEqual(res.body, {});
      assert.equal(await rig().ctx.storage.get(keyOf(url)), undefined);
      assert.equal(await rig().ctx.storage.get(keyOf(preview_url)), undefined);
      assert.equal((await rig().request(new URL(url).pathname)).status, 404);
      assert.equal((await get(id)).status, 404);
    });
  },
  // Many uploads here; the upload throttle has its own test (media-cleanup).
  { env: { HEARTH_RATE_LIMITS: "false" } },
);
