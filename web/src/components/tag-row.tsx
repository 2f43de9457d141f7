// A hashtag in a list (search results, trends): its name linking to the tag's timeline and
// how many people used it in the last days (from its history).
import type { Tag } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { Link } from "../router.tsx";

export function TagRow({ tag }: { tag: Tag }) {
  const people = tag.history.slice(0, 2).reduce((sum, day) => sum + Number(day.accounts), 0);
  return (
    <li class="row">
      <Link href={`/tags/${encodeURIComponent(tag.name)}`} class="row-main">
        #{tag.name}
        <span class="muted"> · {t("tags.people", { count: people })}</span>
      </Link>
    </li>
  );
}
