// The server's custom emoji in a searchable grid; choosing one inserts `:shortcode:`.
import { useEffect, useRef, useState } from "preact/hooks";
import { api } from "../../api/client.ts";
import type { CustomEmoji } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";
import { Icon } from "../icon.tsx";

let cache: Promise<CustomEmoji[]> | undefined;

/** GET /api/v1/custom_emojis once per page (a failure is retried on the next call). */
export function customEmojis(): Promise<CustomEmoji[]> {
  cache ??= api.get<CustomEmoji[]>("/api/v1/custom_emojis").catch((error: unknown) => {
    cache = undefined;
    throw error;
  });
  return cache;
}

export function EmojiPicker({ onPick }: { onPick: (shortcode: string) => void }) {
  const [open, setOpen] = useState(false);
  const [emojis, setEmojis] = useState<CustomEmoji[]>([]);
  const [filter, setFilter] = useState("");
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!open) return;
    customEmojis().then(
      (list) => setEmojis(list.filter((e) => e.visible_in_picker)),
      () => setEmojis([]),
    );
    search.current?.focus();
  }, [open]);
  const shown = emojis.filter((e) => e.shortcode.toLowerCase().includes(filter.toLowerCase()));
  return (
    <div class="menu-wrap">
      <button
        type="button"
        class="icon-button"
        aria-label={t("compose.emoji")}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <Icon name="emoji" />
      </button>
      {open && (
        <div class="menu emoji-picker">
          <input
            ref={search}
            type="search"
            placeholder={t("compose.emojiSearch")}
            aria-label={t("compose.emojiSearch")}
            value={filter}
            onKeyDown={(event) => {
              if (event.key === "Escape") setOpen(false);
            }}
            onInput={(event) => setFilter((event.target as HTMLInputElement).value)}
          />
          <div class="emoji-grid">
            {shown.map((emoji) => (
              <button
                type="button"
                key={emoji.shortcode}
                class="icon-button"
                title={`:${emoji.shortcode}:`}
                aria-label={`:${emoji.shortcode}:`}
                onClick={() => {
                  onPick(emoji.shortcode);
                  setOpen(false);
                }}
              >
                <img src={emoji.static_url} alt="" width={24} height={24} loading="lazy" />
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
