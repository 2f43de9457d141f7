// A blurhash placeholder drawn on a small canvas that CSS stretches over the media's box.
import { decode, isBlurhashValid } from "blurhash";
import { useEffect, useRef } from "preact/hooks";

const SIZE = 32;

export function Blurhash({ hash }: { hash: string | null }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const element = canvas.current;
    if (element === null || hash === null || !isBlurhashValid(hash).result) return;
    const context = element.getContext("2d");
    if (context === null) return;
    const pixels = decode(hash, SIZE, SIZE);
    const image = context.createImageData(SIZE, SIZE);
    image.data.set(pixels);
    context.putImageData(image, 0, 0);
  }, [hash]);
  return <canvas ref={canvas} class="blurhash" width={SIZE} height={SIZE} />;
}
