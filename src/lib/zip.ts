// A tiny ZIP writer (PKWARE APPNOTE 6.3): STORE only (the archive's media are already
// compressed and its JSON is small next to them), CRC-32 from node:zlib, UTF-8 names.
// Entries stream out one at a time through `sink`, so only one file is held at once; the
// central directory (a few dozen bytes an entry) is kept until `finish`. No ZIP64: an archive
// that would pass 4 GiB or 65,535 entries is refused rather than written corrupt.
import { crc32 } from "node:zlib";

export type ZipSink = (chunk: Uint8Array) => void | Promise<void>;

export interface ZipWriter {
  /** Adds one file. `name` is a relative path with `/` separators. */
  add(name: string, data: Uint8Array | string): Promise<void>;
  /** Writes the central directory; nothing may be added afterwards. Returns the total size. */
  finish(): Promise<number>;
}

export class ZipLimitError extends Error {}

const MAX_32 = 0xffff_ffff;
const MAX_ENTRIES = 0xffff;
/** Bit 11: the name is UTF-8. */
const FLAGS = 0x0800;
const VERSION = 20;

/** MS-DOS date and time (local fields, taken here in UTC so archives are reproducible). */
export function dosDateTime(at: Date): { date: number; time: number } {
  const year = Math.max(1980, Math.min(2107, at.getUTCFullYear()));
  return {
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
  };
}

/** Names as stored: relative, `/`-separated, no `..` or empty segments (no zip-slip). */
export function checkName(name: string): void {
  const segments = name.split("/");
  if (
    name === "" ||
    name.startsWith("/") ||
    name.includes("\\") ||
    name.includes("\0") ||
    segments.some((s) => s === "" || s === "." || s === "..")
  )
    throw new Error(`invalid zip entry name: ${JSON.stringify(name)}`);
}

interface Entry {
  name: Uint8Array;
  crc: number;
  size: number;
  offset: number;
}

export function createZipWriter(sink: ZipSink, modified: Date = new Date(0)): ZipWriter {
  const { date, time } = dosDateTime(modified);
  const entries: Entry[] = [];
  const names = new Set<string>();
  let offset = 0;
  let finished = false;

  async function write(chunk: Uint8Array): Promise<void> {
    await sink(chunk);
    offset += chunk.byteLength;
  }

  return {
    async add(name, input) {
      if (finished) throw new Error("zip already finished");
      checkName(name);
      if (names.has(name)) throw new Error(`duplicate zip entry: ${name}`);
      if (entries.length >= MAX_ENTRIES) throw new ZipLimitError("too many entries for a zip");
      const data = typeof input === "string" ? new TextEncoder().encode(input) : input;
      const encodedName = new TextEncoder().encode(name);
      const headerSize = 30 + encodedName.byteLength;
      if (offset + headerSize + data.byteLength > MAX_32)
        throw new ZipLimitError("the archive would pass 4 GiB");
      const crc = crc32(data);
      const header = Buffer.alloc(headerSize);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(VERSION, 4);
      header.writeUInt16LE(FLAGS, 6);
      header.writeUInt16LE(0, 8); // STORE
      header.writeUInt16LE(time, 10);
      header.writeUInt16LE(date, 12);
      header.writeUInt32LE(crc, 14);
      header.writeUInt32LE(data.byteLength, 18);
      header.writeUInt32LE(data.byteLength, 22);
      header.writeUInt16LE(encodedName.byteLength, 26);
      header.writeUInt16LE(0, 28);
      header.set(encodedName, 30);
      names.add(name);
      entries.push({ name: encodedName, crc, size: data.byteLength, offset });
      await write(header);
      if (data.byteLength > 0) await write(data);
    },

    async finish() {
      if (finished) throw new Error("zip already finished");
      finished = true;
      const start = offset;
      const directory = Buffer.alloc(entries.reduce((n, e) => n + 46 + e.name.byteLength, 0));
      let at = 0;
      for (const e of entries) {
        directory.writeUInt32LE(0x02014b50, at);
        directory.writeUInt16LE((3 << 8) | VERSION, at + 4); // made by: Unix
        directory.writeUInt16LE(VERSION, at + 6);
        directory.writeUInt16LE(FLAGS, at + 8);
        directory.writeUInt16LE(0, at + 10);
        directory.writeUInt16LE(time, at + 12);
        directory.writeUInt16LE(date, at + 14);
        directory.writeUInt32LE(e.crc, at + 16);
        directory.writeUInt32LE(e.size, at + 20);
        directory.writeUInt32LE(e.size, at + 24);
        directory.writeUInt16LE(e.name.byteLength, at + 28);
        // extra, comment, disk number, internal attributes: 0
        directory.writeUInt32LE((0o100644 << 16) >>> 0, at + 38); // a regular file, rw-r--r--
        directory.writeUInt32LE(e.offset, at + 42);
        directory.set(e.name, at + 46);
        at += 46 + e.name.byteLength;
      }
      if (start + directory.byteLength + 22 > MAX_32)
        throw new ZipLimitError("the archive would pass 4 GiB");
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(directory.byteLength, 12);
      end.writeUInt32LE(start, 16);
      if (directory.byteLength > 0) await write(directory);
      await write(end);
      return offset;
    },
  };
}

/** Builds a whole zip in memory (for archives that fit: the storage interface takes bytes). */
export async function zipToBuffer(
  build: (zip: ZipWriter) => Promise<void>,
  modified?: Date,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const zip = createZipWriter((chunk) => void chunks.push(chunk), modified);
  await build(zip);
  await zip.finish();
  return Buffer.concat(chunks);
}
