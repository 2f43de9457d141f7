// Media processing as the durable `media.process` job: the upload is stored and its row and job
// written before the answer, so a process that stops before processing loses nothing; runs are
// idempotent; raw uploads (EXIF and all) are never served and never outlive their row.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import { type AppContext, createContext } from "../../src/context.ts";
import { runDueJobs } from "../../src/jobs/worker.ts";
import { enqueueJob, listJobs } from "../../src/repos/jobs.ts";
import { removeOrphanMedia } from "../../src/services/media/cleanup.ts";
import {
  processMedia,
  rawUploadKey,
  withProcessingSlot,
} from "../../src/services/media/process.ts";
import { INLINE_GRACE_MS } from "../../src/services/media/upload.ts";
import { blob, pngImage, sidewaysJpeg, solid } from "../media/fixtures.ts";
import { assertSchema, assertSpec, createToken, describeEachDatabase } from "../rig/index.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked against the spec
type Json = any;

describeEachDatabase(
  "media processing jobs",
  (rig) => {
    let alice = "";
    const as = { headers: { authorization: "" } };
    before(async () => {
      alice = await createToken(rig().ctx, "alice", "write:media");
      as.headers.authorization = `Bearer ${alice}`;
    });

    async function upload(version: 1 | 2, bytes: Uint8Array): Promise<Json> {
      const form = new FormData();
      form.set("file", blob(bytes, "image/jpeg"), "a.jpg");
      const res = await rig().send<Json>("POST", `/api/v${version}/media`, form, as);
      assertSpec("POST", `/api/v${version}/media`, res.status, res.body);
      return res;
    }
    async function get(id: string) {
      const res = await rig().get<Json>(`/api/v1/media/${id}`, as);
      if (res.status === 206) assertSchema("MediaAttachment", res.body);
      else assertSpec("GET", `/api/v1/media/${id}`, res.status, res.body);
      return res;
    }
    /** Every stored file of this upload (raw or processed), relative to the media root. */
    function filesOf(id: string): string[] {
      const root = path.join(rig().dataDir, "media");
      const all = readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(root, path.join(e.parentPath, e.name)));
      return all.filter((f) => f.split(path.sep).includes(id)).sort();
    }
    const raw = (id: string) => rig().ctx.storage.get(rawUploadKey(id));
    const processJobs = () => listJobs(rig().ctx.db, { type: "media.process" });
    async function clearJobs() {
      await rig().ctx.db.deleteFrom("jobs").execute();
    }

    test("a v2 upload whose process stopped before processing is finished by a new process", async () => {
      await clearJobs();
      const res = await upload(2, await sidewaysJpeg());
      assert.equal(res.status, 202, res.text);
      const id = res.body.id;
      // Stored as it came, with its job, before the answer.
      const stored = await raw(id);
      assert.ok(stored, "the raw upload is stored");
      assert.equal(stored.contentType, "application/octet-stream");
      const [job] = await processJobs();
      assert.deepEqual(job?.payload, { mediaId: id });
      assert.equal(job?.runAt, rig().clock.now().toISOString(), "due at once");
      // Never served, though it still carries the camera's EXIF.
      const leak = await rig().request(`/system/${rawUploadKey(id)}`);
      assert.equal(leak.status, 404);
      assert.equal((await get(id)).status, 206);

      // "The process dies": nothing in memory carries over; a fresh context on the same
      // database and data directory runs what is due.
      const fresh: AppContext = createContext(rig().config, {
        database: rig().ctx.database,
        clock: rig().clock,
        secrets: rig().ctx.secrets,
      });
      assert.equal(await runDueJobs(fresh), 1);
      const done = await get(id);
      assert.equal(done.status, 200);
      assert.deepEqual(done.body.meta.original, {
        width: 40,
        height: 80,
        size: "40x80",
        aspect: 0.5,
      });
      assert.match(done.body.url, /\/original\/[0-9a-f]{24}\.jpg$/);
      assert.equal(await raw(id), undefined, "the raw upload is removed");
      assert.equal(filesOf(id).length, 2, "original and preview, nothing else");
      assert.deepEqual(await processJobs(), []);
    });

    test("v1 processes in the request; its later safety-net job finds the row done", async () => {
      await clearJobs();
      const res = await upload(1, await pngImage(20, 20));
      assert.equal(res.status, 200, res.text);
      const id = res.body.id;
      assert.equal(await raw(id), undefined);
      const [job] = await processJobs();
      assert.equal(
        job?.runAt,
        new Date(rig().clock.now().getTime() + INLINE_GRACE_MS).toISOString(),
        "not due while the request could still be working on it",
      );
      assert.equal(await runDueJobs(rig().ctx), 0);
      const files = filesOf(id);
      rig().clock.advance(INLINE_GRACE_MS);
      assert.equal(await runDueJobs(rig().ctx), 1);
      assert.deepEqual((await get(id)).body, res.body, "unchanged");
      assert.deepEqual(filesOf(id), files);
      assert.deepEqual(await processJobs(), []);
    });

    test("running the job twice (or after the upload finished) changes nothing", async () => {
      await clearJobs();
      const res = await upload(2, await pngImage(16, 12));
      const id = res.body.id;
      await enqueueJob(rig().ctx.db, {
        id: rig().ctx.newId(),
        type: "media.process",
        payload: { mediaId: id },
        runAt: rig().clock.now().toISOString(),
        createdAt: rig().clock.now().toISOString(),
      });
      assert.equal(await runDueJobs(rig().ctx), 2);
      const done = await get(id);
      assert.equal(done.status, 200);
      assert.equal(filesOf(id).length, 2, "one set of files");
      await processMedia(rig().ctx, id);
      assert.deepEqual((await get(id)).body, done.body);
      assert.equal(filesOf(id).length, 2);
    });

    test("a file that does not decode fails the row, not the job, and leaves no file", async () => {
      await clearJobs();
      const noisy = await solid(300, 300).png({ compressionLevel: 0 }).toBuffer();
      const res = await upload(2, noisy.subarray(0, noisy.length / 2));
      assert.equal(res.status, 202);
      assert.equal(await runDueJobs(rig().ctx), 1);
      const failed = await get(res.body.id);
      assert.equal(failed.status, 422);
      assert.equal(failed.body.error, "Error processing thumbnail for uploaded media");
      assert.deepEqual(filesOf(res.body.id), []);
      assert.deepEqual(await listJobs(rig().ctx.db), [], "done, not kept as failed or retried");
    });

    test("a storage failure is retried later; the upload waits, raw upload kept", async () => {
      await clearJobs();
      const res = await upload(2, await pngImage(18, 18));
      const id = res.body.id;
      const broken: AppContext = {
        ...rig().ctx,
        storage: {
          ...rig().ctx.storage,
          put: async () => {
            throw new Error("disk full");
          },
        },
      };
      assert.equal(await runDueJobs(broken), 1);
      const [job] = await processJobs();
      assert.equal(job?.attempts, 1);
      assert.match(job?.lastError ?? "", /disk full/);
      assert.equal((await get(id)).status, 206);
      assert.ok(await raw(id), "kept for the retry");
      assert.deepEqual(filesOf(id), [path.join("private", "media_attachments", id, "upload.bin")]);
      rig().clock.advance(15_000);
      assert.equal(await runDueJobs(rig().ctx), 1);
      assert.equal((await get(id)).status, 200);
      assert.equal(await raw(id), undefined);
    });

    test("deleted while waiting: DELETE takes the raw upload; the job then does nothing", async () => {
      await clearJobs();
      const res = await upload(2, await pngImage(11, 11));
      const id = res.body.id;
      const del = await rig().send<Json>("DELETE", `/api/v1/media/${id}`, undefined, as);
      assert.equal(del.status, 200);
      assert.deepEqual(filesOf(id), []);
      assert.equal(await runDueJobs(rig().ctx), 1);
      assert.deepEqual(filesOf(id), []);
      assert.equal((await get(id)).status, 404);
    });

    test("a row that vanished another way: the job still removes its raw upload", async () => {
      await clearJobs();
      const res = await upload(2, await pngImage(13, 13));
      const id = res.body.id;
      await rig().ctx.db.deleteFrom("media_attachments").where("id", "=", id).execute();
      assert.ok(await raw(id));
      assert.equal(await runDueJobs(rig().ctx), 1);
      assert.deepEqual(filesOf(id), []);
    });

    test("the orphan cleanup removes the raw upload of one never processed", async () => {
      await clearJobs();
      const res = await upload(2, await pngImage(15, 15));
      const id = res.body.id;
      rig().clock.advance(24 * 60 * 60 * 1000 + 1000);
      assert.ok((await removeOrphanMedia(rig().ctx, rig().clock.now())) >= 1);
      assert.deepEqual(filesOf(id), []);
      assert.equal(await runDueJobs(rig().ctx), 1, "the late job finds nothing to do");
      assert.deepEqual(filesOf(id), []);
    });

    test("raw bytes are never served, wherever they sit", async () => {
      await rig().ctx.storage.put("private/x/a.png", await pngImage(4, 4), "image/png");
      await rig().ctx.storage.put(
        "media_attachments/a.bin",
        new Uint8Array(4),
        "application/octet-stream",
      );
      for (const key of ["private/x/a.png", "media_attachments/a.bin"]) {
        const res = await rig().get(`/system/${key}`);
        assert.equal(res.status, 404, key);
        assertSchema("Error", res.body);
      }
    });

    test("at most two pipelines run at once per process", async () => {
      let running = 0;
      let most = 0;
      const gates: (() => void)[] = [];
      const work = () =>
        withProcessingSlot(rig().ctx, async () => {
          running++;
          most = Math.max(most, running);
          await new Promise<void>((resolve) => gates.push(resolve));
          running--;
        });
      const all = Promise.all([work(), work(), work(), work(), work()]);
      for (let opened = 0; opened < 5; opened++) {
        while (gates.length === 0) await new Promise((r) => setImmediate(r));
        assert.ok(running <= 2, `${running} running`);
        gates.shift()?.();
      }
      await all;
      assert.equal(most, 2);
    });
  },
  { env: { HEARTH_RATE_LIMITS: "false" } },
);
