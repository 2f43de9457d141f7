// A status's media in boxes of fixed aspect ratio (from the attachment's meta, so nothing
// moves when the files arrive), each over its blurhash. Sensitive media stay hidden behind the
// blurhash until asked for; a click opens the media viewer.
import { useRef, useState } from "preact/hooks";
import type { MediaAttachment } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { Blurhash } from "./blurhash.tsx";
import { Icon } from "./icon.tsx";

interface Dimensions {
  width?: number;
  height?: number;
  aspect?: number;
}

export function aspectOf(media: MediaAttachment): number {
  const meta = (media.meta ?? {}) as { small?: Dimensions; original?: Dimensions };
  const size = meta.small ?? meta.original;
  let aspect = size?.aspect;
  if (aspect === undefined && size?.width && size.height) aspect = size.width / size.height;
  // Very tall or wide images are cropped to a sensible box (focal point decides what shows).
  return Math.min(3, Math.max(0.5, aspect ?? 16 / 9));
}

export function objectPosition(media: MediaAttachment): string {
  const focus = (media.meta as { focus?: { x: number; y: number } } | null)?.focus;
  if (focus === undefined) return "50% 50%";
  return `${((focus.x + 1) / 2) * 100}% ${((1 - focus.y) / 2) * 100}%`;
}

function MediaItem({
  media,
  hidden,
  onOpen,
}: {
  media: MediaAttachment;
  hidden: boolean;
  onOpen: () => void;
}) {
  const [loaded, setLoaded] = useState(false);
  const source = media.preview_url ?? media.url;
  const alt = media.description ?? "";
  return (
    <div class="media-item">
      <Blurhash hash={media.blurhash} />
      {!hidden && source !== null && (
        <button
          type="button"
          class="media-open"
          onClick={onOpen}
          aria-label={alt || t("status.media")}
        >
          {media.type === "video" || media.type === "gifv" ? (
            <video
              src={media.url ?? undefined}
              poster={media.preview_url ?? undefined}
              muted
              loop={media.type === "gifv"}
              playsInline
              aria-label={alt}
              class={loaded ? "loaded" : ""}
              onLoadedData={() => setLoaded(true)}
              style={{ objectPosition: objectPosition(media) }}
            />
          ) : (
            <img
              src={source}
              alt={alt}
              title={alt}
              loading="lazy"
              class={loaded ? "loaded" : ""}
              onLoad={() => setLoaded(true)}
              style={{ objectPosition: objectPosition(media) }}
            />
          )}
        </button>
      )}
      {!hidden && alt !== "" && (
        <span class="alt-badge" aria-hidden="true">
          {t("status.altBadge")}
        </span>
      )}
    </div>
  );
}

export function MediaGallery({
  media,
  sensitive,
}: {
  media: MediaAttachment[];
  sensitive: boolean;
}) {
  const [revealed, setRevealed] = useState(!sensitive);
  const [viewing, setViewing] = useState<number | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const single = media.length === 1;
  const style = { aspectRatio: single ? String(aspectOf(media[0]!)) : "16 / 9" };
  const open = (index: number) => {
    setViewing(index);
    queueMicrotask(() => dialog.current?.showModal());
  };
  const shown = viewing === null ? undefined : media[viewing];
  return (
    <div class="media-gallery-wrap">
      <div class={`media-gallery count-${Math.min(media.length, 4)}`} style={style}>
        {media.slice(0, 4).map((item, index) => (
          <MediaItem key={item.id} media={item} hidden={!revealed} onOpen={() => open(index)} />
        ))}
        {!revealed && (
          <button type="button" class="sensitive-cover" onClick={() => setRevealed(true)}>
            <Icon name="warning" />
            <span>{t("status.sensitive")}</span>
            <span class="button secondary">{t("status.showMedia")}</span>
          </button>
        )}
      </div>
      {revealed && sensitive && (
        <button type="button" class="icon-button hide-media" onClick={() => setRevealed(false)}>
          {t("status.hideMedia")}
        </button>
      )}
      <dialog
        ref={dialog}
        class="media-viewer"
        aria-label={t("status.media")}
        onClose={() => setViewing(null)}
        onKeyDown={(event) => {
          if (viewing === null || media.length < 2) return;
          if (event.key === "ArrowRight") setViewing((viewing + 1) % media.length);
          if (event.key === "ArrowLeft") setViewing((viewing - 1 + media.length) % media.length);
        }}
      >
        {shown && (
          <figure>
            {shown.type === "image" ? (
              <img src={shown.url ?? ""} alt={shown.description ?? ""} />
            ) : shown.type === "audio" ? (
              // Federated media come without caption tracks; the description is the caption.
              // biome-ignore lint/a11y/useMediaCaption: no caption track exists.
              <audio src={shown.url ?? ""} controls aria-label={shown.description ?? ""} />
            ) : (
              // biome-ignore lint/a11y/useMediaCaption: no caption track exists.
              <video src={shown.url ?? ""} controls autoplay aria-label={shown.description ?? ""} />
            )}
            <figcaption>{shown.description || t("status.noAlt")}</figcaption>
          </figure>
        )}
        {viewing !== null && media.length > 1 && (
          <p class="viewer-nav">
            <button
              type="button"
              class="icon-button"
              aria-label={t("status.previousMedia")}
              onClick={() => setViewing((viewing - 1 + media.length) % media.length)}
            >
              <Icon name="back" />
            </button>
            {t("status.mediaPosition", { n: viewing + 1, count: media.length })}
            <button
              type="button"
              class="icon-button"
              aria-label={t("status.nextMedia")}
              onClick={() => setViewing((viewing + 1) % media.length)}
            >
              <span class="flip">
                <Icon name="back" />
              </span>
            </button>
          </p>
        )}
        <button
          type="button"
          class="icon-button viewer-close"
          aria-label={t("compose.close")}
          onClick={() => dialog.current?.close()}
        >
          <Icon name="close" />
        </button>
      </dialog>
    </div>
  );
}
