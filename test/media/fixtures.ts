// Real images for upload tests, drawn with sharp.
import { crc32 } from "node:zlib";
import sharp, { type Sharp } from "sharp";

export function solid(
  width: number,
  height: number,
  rgb: [number, number, number] = [255, 0, 0],
): Sharp {
  const [r, g, b] = rgb;
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } });
}

/** A JPEG 80×40 stored sideways: EXIF orientation 6 says "turn 90° clockwise to show". */
export async function sidewaysJpeg(): Promise<Buffer> {
  // Left half red, right half blue, so the turn is visible in the pixels.
  const left = await solid(40, 40, [255, 0, 0]).png().toBuffer();
  return solid(80, 40, [0, 0, 255])
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 95 })
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: "secret camera" } } })
    .toBuffer();
}

/** An animated GIF of three frames: red, green, blue. */
export async function animatedGif(): Promise<Buffer> {
  const colours: [number, number, number][] = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
  ];
  const frames = await Promise.all(colours.map((c) => solid(60, 40, c).png().toBuffer()));
  return sharp(frames, { join: { animated: true } })
    .gif({ delay: [100, 100, 100] })
    .toBuffer();
}

export async function pngImage(width = 50, height = 50): Promise<Buffer> {
  return solid(width, height, [0, 128, 0]).png().toBuffer();
}

export const blob = (bytes: Uint8Array, type: string) =>
  new Blob([bytes as Uint8Array<ArrayBuffer>], { type });

/**
 * A PNG that declares width×height pixels but carries almost nothing: a 1×1 image with its
 * header rewritten. Decoders read the size from the header, so it exercises pixel caps.
 */
export function pngBomb(width: number, height: number): Buffer {
  // Signature (8) + IHDR length (4) + "IHDR" (4) + width, height, 5 bytes + CRC.
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC",
    "base64",
  );
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}
