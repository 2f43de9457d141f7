// `hearth emoji import | list | delete`: files and directories in, all or nothing; every
// refusal leaves no row and no file behind.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { before, test } from "node:test";
import sharp from "sharp";
import { animatedGif, pngImage, solid } from "../media/fixtures.ts";
import { type CliRig, describeEachCliDatabase } from "./cli-rig.ts";

function emojis(cli: CliRig) {
  return cli.db().selectFrom("custom_emojis").selectAll().orderBy("shortcode").execute();
}

/** Every stored file under the media root, relative to it. */
function storedFiles(cli: CliRig): string[] {
  const root = path.join(cli.dataDir, "media");
  if (!existsSync(root)) return [];
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.(png|gif|webp)$/.test(f))
    .sort();
}

/** Runs an import that must be refused: exit code, one stderr line, no row and no file. */
async function refused(cli: CliRig, argv: string[], code: number, message: RegExp) {
  const rows = await emojis(cli);
  const files = storedFiles(cli);
  await cli.rejects(["emoji", ...argv], code, message);
  assert.deepEqual(await emojis(cli), rows, "no emoji row changed");
  assert.deepEqual(storedFiles(cli), files, "no file stored");
}

describeEachCliDatabase("hearth emoji", (cli) => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  before(async () => {
    dir = path.join(cli().dataDir, "emoji-src");
    mkdirSync(path.join(dir, "pack"), { recursive: true });
    mkdirSync(path.join(dir, "empty"), { recursive: true });
    writeFileSync(file("pack/blobcat.png"), await pngImage(32, 32));
    writeFileSync(file("pack/party_parrot.gif"), await animatedGif());
    writeFileSync(file("pack/README.txt"), "not an emoji, and ignored in a directory");
    writeFileSync(file("wave.webp"), await solid(20, 20, [0, 0, 255]).webp().toBuffer());
    writeFileSync(file("other.png"), await pngImage(24, 24));
    writeFileSync(file("photo.jpg"), await solid(20, 20).jpeg().toBuffer());
    writeFileSync(file("fake.png"), "this is text, not a picture");
    writeFileSync(file("x.png"), await pngImage(8, 8));
    writeFileSync(file("bad-name.png"), await pngImage(8, 8));
    writeFileSync(file("tiff.png"), await solid(8, 8).tiff().toBuffer());
    // Noise does not compress: over 256 KiB as a PNG.
    const noise = randomBytes(400 * 400 * 3);
    writeFileSync(
      file("huge.png"),
      await sharp(noise, { raw: { width: 400, height: 400, channels: 3 } })
        .png()
        .toBuffer(),
    );
    mkdirSync(path.join(dir, "dupe"), { recursive: true });
    writeFileSync(file("dupe/blob.png"), await pngImage(8, 8));
    writeFileSync(file("dupe/blob.gif"), await animatedGif());
  });

  test("list says when there are none; help shows the usage", async () => {
    const run = await cli().run(["emoji", "list"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["No custom emoji yet; add some with `hearth emoji import`."]);
    const help = await cli().run(["help", "emoji"]);
    assert.equal(help.code, 0);
    assert.match(help.out.join("\n"), /import <file-or-dir>\.\.\./);
  });

  test("every refusal: a clear line, non-zero exit, nothing stored", async () => {
    await refused(cli(), ["import", file("fake.png")], 1, /fake\.png is not an image/);
    await refused(
      cli(),
      ["import", file("photo.jpg")],
      1,
      /photo\.jpg must be PNG, GIF or WebP \(it is jpeg\)/,
    );
    await refused(cli(), ["import", file("tiff.png")], 1, /must be PNG, GIF or WebP/);
    await refused(cli(), ["import", file("huge.png")], 1, /huge\.png is larger than 256 KiB/);
    await refused(cli(), ["import", file("x.png")], 1, /"x" is not a shortcode/);
    await refused(cli(), ["import", file("bad-name.png")], 1, /"bad-name" is not a shortcode/);
    await refused(
      cli(),
      ["import", file("other.png"), "--shortcode", "no way"],
      1,
      /"no way" is not a shortcode/,
    );
    // One bad file refuses the lot, good ones included.
    await refused(
      cli(),
      ["import", path.join(dir, "pack"), file("fake.png")],
      1,
      /fake\.png is not an image; nothing imported/,
    );
    await refused(cli(), ["import", path.join(dir, "dupe")], 1, /:blob: is given twice/);
    await refused(cli(), ["import", file("missing.png")], 1, /no such file or directory/);
    await refused(cli(), ["import", path.join(dir, "empty")], 1, /no \.png, \.gif or \.webp/);
    await refused(
      cli(),
      ["import", file("other.png"), "--category", "   "],
      1,
      /a category is 1 to 64 characters/,
    );
    await refused(cli(), ["import"], 2, /needs at least one file or directory/);
    await refused(
      cli(),
      ["import", path.join(dir, "pack"), "--shortcode", "one"],
      2,
      /--shortcode names one emoji, but 2 files were given/,
    );
    await refused(cli(), ["import", file("other.png"), "--bogus"], 2, /bogus/);
    await refused(cli(), ["frobnicate"], 2, /unknown subcommand "frobnicate"/);
    assert.deepEqual(await emojis(cli()), []);
    assert.deepEqual(storedFiles(cli()), []);
  });

  test("import a directory: its images, named by file; moving ones get a still PNG", async () => {
    const run = await cli().run(["emoji", "import", path.join(dir, "pack"), "--category", "Blobs"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Imported :blobcat: :party_parrot:"]);
    const rows = await emojis(cli());
    assert.deepEqual(
      rows.map((r) => [r.shortcode, r.domain, r.category, r.disabled, r.visible_in_picker]),
      [
        ["blobcat", null, "Blobs", false, true],
        ["party_parrot", null, "Blobs", false, true],
      ],
    );
    const [blobcat, parrot] = rows;
    assert.equal(blobcat!.uri, `https://hearth.test/emojis/${blobcat!.id}`);
    assert.equal(blobcat!.static_key, blobcat!.image_key);
    assert.match(parrot!.image_key, /^custom_emojis\/images\/[a-f0-9]+\.gif$/);
    assert.match(parrot!.static_key, /^custom_emojis\/static\/[a-f0-9]+\.png$/);
    assert.deepEqual(
      storedFiles(cli()),
      [blobcat!.image_key, parrot!.image_key, parrot!.static_key].sort(),
    );
    const moving = path.join(cli().dataDir, "media", parrot!.image_key);
    assert.equal((await sharp(moving, { animated: true }).metadata()).pages, 3);
  });

  test("--shortcode names a single file; WebP stays WebP", async () => {
    const run = await cli().run(["emoji", "import", file("wave.webp"), "--shortcode", "Hello_1"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Imported :Hello_1:"]);
    const row = (await emojis(cli())).find((r) => r.shortcode === "Hello_1");
    assert.match(row!.image_key, /\.webp$/);
    assert.equal(row!.category, null);
  });

  test("an existing shortcode is skipped, or replaced with --overwrite (old files go)", async () => {
    const before = (await emojis(cli())).find((r) => r.shortcode === "blobcat")!;
    const skip = await cli().run(["emoji", "import", file("other.png"), "--shortcode", "blobcat"]);
    assert.equal(skip.code, 0, skip.err.join("\n"));
    assert.deepEqual(skip.out, ["Skipped :blobcat: (already there; --overwrite replaces them)"]);
    assert.deepEqual(
      (await emojis(cli())).find((r) => r.shortcode === "blobcat"),
      before,
    );
    const files = storedFiles(cli());

    const replace = await cli().run([
      "emoji",
      "import",
      file("other.png"),
      "--shortcode",
      "blobcat",
      "--overwrite",
    ]);
    assert.equal(replace.code, 0, replace.err.join("\n"));
    assert.deepEqual(replace.out, ["Replaced :blobcat:"]);
    const after = (await emojis(cli())).find((r) => r.shortcode === "blobcat")!;
    assert.equal(after.id, before.id);
    assert.equal(after.category, "Blobs", "kept without --category");
    assert.notEqual(after.image_key, before.image_key);
    const now = storedFiles(cli());
    assert.ok(!now.includes(before.image_key), "the old file is deleted");
    assert.ok(now.includes(after.image_key));
    assert.equal(now.length, files.length);
    const meta = await sharp(path.join(cli().dataDir, "media", after.image_key)).metadata();
    assert.equal(meta.width, 24);
  });

  test("list shows every local emoji with its category and state", async () => {
    await cli()
      .db()
      .updateTable("custom_emojis")
      .set({ disabled: true })
      .where("shortcode", "=", "Hello_1")
      .execute();
    const run = await cli().run(["emoji", "list"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, [
      ":Hello_1:  (disabled)",
      ":blobcat:  (category Blobs)",
      ":party_parrot:  (category Blobs)",
    ]);
  });

  test("delete removes the row and its files; an unknown shortcode is an error", async () => {
    const parrot = (await emojis(cli())).find((r) => r.shortcode === "party_parrot")!;
    const run = await cli().run(["emoji", "delete", ":party_parrot:"]);
    assert.equal(run.code, 0, run.err.join("\n"));
    assert.deepEqual(run.out, ["Deleted :party_parrot:"]);
    assert.equal(
      (await emojis(cli())).find((r) => r.shortcode === "party_parrot"),
      undefined,
    );
    const files = storedFiles(cli());
    assert.ok(!files.includes(parrot.image_key) && !files.includes(parrot.static_key));
    await refused(cli(), ["delete", "party_parrot"], 1, /there is no emoji :party_parrot:/);
    await refused(cli(), ["delete"], 2, /emoji delete takes one shortcode/);
  });
});
