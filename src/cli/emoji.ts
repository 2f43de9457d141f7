// `hearth emoji import <file-or-dir>... | list | delete <shortcode>`: the server's custom emoji.
// A directory brings in its .png, .gif and .webp files; the shortcode is the file's name
// without the extension (or --shortcode for a single file). Checking and converting happen
// before anything is stored, so a bad file leaves the server as it was.
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { EMOJI_SIZE_LIMIT } from "../domain/emoji-shortcodes.ts";
import { deleteLocalEmoji } from "../services/emojis/delete-emoji.ts";
import { type EmojiFile, importEmojis } from "../services/emojis/import-emojis.ts";
import { listAllLocalEmojis } from "../services/emojis/list-emojis.ts";
import { exhaustive, parseOptions, withContext, withSubcommands } from "./command-kit.ts";
import { CliError, type CliIo, usageError } from "./io.ts";

export const EMOJI_USAGE = `Usage: hearth emoji <import | list | delete> ...

  import <file-or-dir>... [--category <name>] [--shortcode <name>] [--overwrite]
                        Add custom emoji from PNG, GIF or WebP files (${EMOJI_SIZE_LIMIT / 1024} KiB at most).
                        A directory brings in its .png, .gif and .webp files. The shortcode
                        is the file name without its extension (2+ of a-z, A-Z, 0-9, _);
                        --shortcode names a single file's emoji. An existing shortcode is
                        skipped unless --overwrite, which replaces its picture.
  list                  Every local emoji: shortcode, category, and whether it is disabled
  delete <shortcode>    Remove an emoji and its files`;

const IMAGE_EXTENSIONS = new Set([".png", ".gif", ".webp"]);

/** The files named on the command line, directories expanded (their images, by name). */
async function expand(io: CliIo, args: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const arg of args) {
    const full = path.resolve(io.cwd, arg);
    const info = await stat(full).catch(() => undefined);
    if (info === undefined) throw new CliError(`${arg}: no such file or directory`);
    if (!info.isDirectory()) {
      files.push(full);
      continue;
    }
    const inside = (await readdir(full, { withFileTypes: true }))
      .filter((e) => e.isFile() && IMAGE_EXTENSIONS.has(path.extname(e.name).toLowerCase()))
      .map((e) => path.join(full, e.name))
      .sort();
    if (inside.length === 0) throw new CliError(`${arg}: no .png, .gif or .webp files in it`);
    files.push(...inside);
  }
  return files;
}

async function readEmojiFile(io: CliIo, file: string, shortcode?: string): Promise<EmojiFile> {
  const label = path.relative(io.cwd, file) || file;
  const size = (await stat(file)).size;
  // Checked before reading, so a huge file is not loaded to be refused.
  if (size > EMOJI_SIZE_LIMIT)
    throw new CliError(`${label} is larger than ${EMOJI_SIZE_LIMIT / 1024} KiB; nothing imported`);
  return {
    shortcode: shortcode ?? path.basename(file, path.extname(file)),
    body: new Uint8Array(await readFile(file)),
    label,
  };
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    category: { type: "string" },
    shortcode: { type: "string" },
    overwrite: { type: "boolean" },
  });
  if (positionals.length === 0)
    throw usageError("emoji import needs at least one file or directory");
  const paths = await expand(io, positionals);
  if (values.shortcode !== undefined && paths.length !== 1)
    throw usageError(`--shortcode names one emoji, but ${paths.length} files were given`);
  const files: EmojiFile[] = [];
  for (const file of paths) files.push(await readEmojiFile(io, file, values.shortcode));
  const result = await withContext(io, (ctx) =>
    importEmojis(ctx, files, { category: values.category, overwrite: values.overwrite === true }),
  );
  switch (result.type) {
    case "ok": {
      const list = (codes: string[]) => codes.map((c) => `:${c}:`).join(" ");
      if (result.imported.length > 0) io.out(`Imported ${list(result.imported)}`);
      if (result.replaced.length > 0) io.out(`Replaced ${list(result.replaced)}`);
      if (result.skipped.length > 0)
        io.out(`Skipped ${list(result.skipped)} (already there; --overwrite replaces them)`);
      return 0;
    }
    case "invalid":
      throw new CliError(`${result.message}; nothing imported`);
    default:
      return exhaustive(result);
  }
}

async function list(args: string[], io: CliIo): Promise<number> {
  parseOptions(args, {}, false);
  const emojis = await withContext(io, (ctx) => listAllLocalEmojis(ctx));
  if (emojis.length === 0) io.out("No custom emoji yet; add some with `hearth emoji import`.");
  for (const e of emojis) {
    const notes = [
      e.category === null ? null : `category ${e.category}`,
      e.disabled ? "disabled" : null,
      e.visible_in_picker ? null : "hidden from the picker",
    ].filter((n) => n !== null);
    io.out(`:${e.shortcode}:${notes.length === 0 ? "" : `  (${notes.join(", ")})`}`);
  }
  return 0;
}

async function remove(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseOptions(args, {});
  const [given, ...extra] = positionals;
  if (given === undefined || extra.length > 0) throw usageError("emoji delete takes one shortcode");
  // `:blob:` and `blob` both name it.
  const shortcode = given.replace(/^:(.*):$/, "$1");
  const result = await withContext(io, (ctx) => deleteLocalEmoji(ctx, shortcode));
  switch (result.type) {
    case "ok":
      io.out(`Deleted :${shortcode}:`);
      return 0;
    case "not-found":
      throw new CliError(`there is no emoji :${shortcode}:; see \`hearth emoji list\``);
    default:
      return exhaustive(result);
  }
}

export const emojiCommand = withSubcommands("emoji", EMOJI_USAGE, {
  import: importCommand,
  list,
  delete: remove,
});
