// One attached file in the composer: its preview (click to choose the focal point), an alt
// text field, upload progress or error, and a remove button.
import type { MediaAttachment } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Icon } from "../icon.tsx";
import { objectPosition } from "../media-gallery.tsx";

export interface UploadItem {
  /** Local id while uploading; the attachment id afterwards. */
  key: string;
  name: string;
  progress: number;
  error: string | null;
  media: MediaAttachment | null;
  /** An object URL of the local file, for the preview while it uploads. */
  localUrl: string | null;
}

export function focusOf(media: MediaAttachment): { x: number; y: number } {
  return (media.meta as { focus?: { x: number; y: number } } | null)?.focus ?? { x: 0, y: 0 };
}

export function MediaEditor({
  item,
  descriptionLimit,
  onDescription,
  onFocus,
  onRemove,
}: {
  item: UploadItem;
  descriptionLimit: number;
  onDescription: (text: string) => void;
  onFocus: (focus: { x: number; y: number }) => void;
  onRemove: () => void;
}) {
  const media = item.media;
  const preview = media?.preview_url ?? item.localUrl;
  const focus = media ? focusOf(media) : { x: 0, y: 0 };
  const choose = (event: MouseEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * 2 - 1;
    const y = 1 - ((event.clientY - box.top) / box.height) * 2;
    const round = (n: number) => Math.round(Math.max(-1, Math.min(1, n)) * 100) / 100;
    onFocus({ x: round(x), y: round(y) });
  };
  return (
    <div class="media-editor">
      <div class="media-editor-preview">
        {preview && (
          <button
            type="button"
            class="focal-picker"
            title={t("compose.focalPoint")}
            aria-label={t("compose.focalPoint")}
            disabled={media === null}
            onClick={choose}
          >
            <img
              src={preview}
              alt=""
              style={{ objectPosition: media ? objectPosition(media) : "" }}
            />
            {media && (
              <span
                class="focal-mark"
                style={{
                  left: `${((focus.x + 1) / 2) * 100}%`,
                  top: `${((1 - focus.y) / 2) * 100}%`,
                }}
              />
            )}
          </button>
        )}
        {media === null && item.error === null && (
          <div
            class="upload-progress"
            role="progressbar"
            aria-valuenow={item.progress}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-label={t("compose.uploading", { name: item.name, percent: item.progress })}
          >
            <span style={{ width: `${item.progress}%` }} />
          </div>
        )}
        {media !== null && media.url === null && <p class="muted">{t("compose.processing")}</p>}
      </div>
      <div class="media-editor-fields">
        {item.error !== null ? (
          <p class="form-error" role="alert">
            {t("compose.uploadFailed", { name: item.name, error: item.error })}
          </p>
        ) : (
          <label class="field">
            <span class="visually-hidden">{t("compose.altLabel", { name: item.name })}</span>
            <textarea
              class="alt-text"
              rows={2}
              placeholder={t("compose.alt")}
              maxLength={descriptionLimit}
              disabled={media === null}
              value={media?.description ?? ""}
              onInput={(event) => onDescription((event.target as HTMLTextAreaElement).value)}
            />
          </label>
        )}
        <button
          type="button"
          class="icon-button"
          aria-label={t("compose.removeMedia", { name: item.name })}
          onClick={onRemove}
        >
          <Icon name="close" />
        </button>
      </div>
    </div>
  );
}
