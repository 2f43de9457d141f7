import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, test } from "node:test";
import { checkName, createZipWriter, dosDateTime, zipToBuffer } from "../../src/lib/zip.ts";
import { readZip } from "../api/zip-reader.ts";

const hasUnzip = existsSync("/usr/bin/unzip");

describe("zip writer", () => {
  test("an empty archive is just the end record", async () => {
    const zip = await zipToBuffer(async () => {});
    assert.equal(zip.byteLength, 22);
    assert.deepEqual(readZip(zip), []);
  });

  test("stores names, contents and CRC-32s (including an empty file and UTF-8 names)", async () => {
    const image = new Uint8Array([0, 1, 2, 255, 254]);
    const zip = await zipToBuffer(async (z) => {
      await z.add("outbox.json", '{"a":1}');
      await z.add("empty.txt", new Uint8Array());
      await z.add("media_attachments/files/1/é.png", image);
    }, new Date("2026-11-27T10:20:30Z"));
    const entries = readZip(zip);
    assert.deepEqual(
      entries.map((e) => e.name),
      ["outbox.json", "empty.txt", "media_attachments/files/1/é.png"],
    );
    assert.equal(entries[0]?.data.toString(), '{"a":1}');
    assert.equal(entries[1]?.data.byteLength, 0);
    assert.deepEqual(new Uint8Array(entries[2]?.data ?? []), image);
    // The well-known CRC-32 check value.
    const check = await zipToBuffer((z) => z.add("c", "123456789"));
    assert.equal(Buffer.from(check).readUInt32LE(14), 0xcbf43926);
  });

  test("unzip accepts it", { skip: !hasUnzip && "no unzip here" }, async () => {
    const zip = await zipToBuffer(async (z) => {
      await z.add("a.json", "[]");
      await z.add("dir/b.bin", new Uint8Array(70_000).fill(7));
      await z.add("empty", "");
    });
    const dir = mkdtempSync(path.join(tmpdir(), "zip-test-"));
    try {
      const file = path.join(dir, "t.zip");
      writeFileSync(file, zip);
      execFileSync("unzip", ["-tqq", file]);
      const listing = execFileSync("unzip", ["-Z1", file], { encoding: "utf8" });
      assert.deepEqual(listing.trim().split("\n"), ["a.json", "dir/b.bin", "empty"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("streams entry by entry to the sink", async () => {
    const chunks: number[] = [];
    const zip = createZipWriter((c) => void chunks.push(c.byteLength));
    await zip.add("x", "hello");
    assert.deepEqual(chunks, [31, 5]);
    const total = await zip.finish();
    assert.equal(
      total,
      chunks.reduce((a, b) => a + b, 0),
    );
    await assert.rejects(zip.add("y", "late"));
  });

  test("refuses unsafe or duplicate names", async () => {
    for (const bad of ["", "/etc/passwd", "../x", "a/../b", "a//b", "a\\b", "dir/"])
      assert.throws(() => checkName(bad), /invalid zip entry name/, bad);
    const zip = createZipWriter(() => {});
    await zip.add("a", "1");
    await assert.rejects(zip.add("a", "2"), /duplicate/);
  });

  test("DOS dates count from 1980 in two-second steps", () => {
    assert.deepEqual(dosDateTime(new Date("1980-01-01T00:00:00Z")), { date: 33, time: 0 });
    const { date, time } = dosDateTime(new Date("2026-11-27T10:20:31Z"));
    assert.equal(date >> 9, 46);
    assert.equal(time & 31, 15);
  });
});
