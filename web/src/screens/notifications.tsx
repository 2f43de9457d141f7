// Notifications, grouped as Mastodon 4.3+ shows them (GET /api/v2/notifications): "Alice and
// 3 others favourited your post" with their avatars, mentions and new posts in full. Tabs
// filter by type (?tab=); pending follow requests are linked at the top; new notifications
// arrive on the `user:notification` stream behind a "show new" button; opening the screen
// saves the notifications marker (read up to the newest).
import { useEffect, useState } from "preact/hooks";
import { api, type Page, type Params, parseLinkHeader, request } from "../api/client.ts";
import type {
  Account,
  GroupedNotificationsResults,
  NotificationGroup,
  Status,
} from "../api/types.ts";
import { Icon, type IconName } from "../components/icon.tsx";
import { PagedList } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { StatusCard } from "../components/status.tsx";
import { type Tab, TabBar } from "../components/tab-bar.tsx";
import { usePaged } from "../components/use-paged.ts";
import { type TranslationKey, t } from "../i18n/index.ts";
import { Link } from "../router.tsx";
import { subscribe } from "../streaming/connection.ts";
import { statusPath } from "../util/format.ts";

/** A group with its accounts and status resolved from the page's lists. */
export interface ResolvedGroup {
  group: NotificationGroup;
  accounts: Account[];
  status: Status | undefined;
}

const FILTERS: { id: string; label: TranslationKey; types?: string[] }[] = [
  { id: "all", label: "notifications.tab.all" },
  { id: "mentions", label: "notifications.tab.mentions", types: ["mention", "quote"] },
  { id: "favourites", label: "notifications.tab.favourites", types: ["favourite"] },
  { id: "boosts", label: "notifications.tab.boosts", types: ["reblog"] },
  { id: "follows", label: "notifications.tab.follows", types: ["follow", "follow_request"] },
  { id: "polls", label: "notifications.tab.polls", types: ["poll"] },
  { id: "edits", label: "notifications.tab.edits", types: ["update", "quoted_update", "status"] },
];

const ICONS: Record<string, IconName> = {
  favourite: "star",
  reblog: "boost",
  follow: "people",
  follow_request: "people",
  mention: "reply",
  quote: "quote",
  poll: "poll",
  update: "pencil",
  quoted_update: "pencil",
  status: "bell",
};

/** Reads a page of groups and resolves each group's accounts and status. */
async function readGroups(
  pathOrUrl: string,
  params?: Params,
  signal?: AbortSignal,
): Promise<Page<ResolvedGroup>> {
  const response = await request("GET", pathOrUrl, { params, signal });
  const links = parseLinkHeader(response.headers.get("Link"));
  const body = (await response.json()) as GroupedNotificationsResults;
  const accounts = new Map(body.accounts.map((a) => [a.id, a]));
  const statuses = new Map(body.statuses.map((s) => [s.id, s]));
  const items = body.notification_groups.map((group) => ({
    group,
    accounts: group.sample_account_ids
      .map((id) => accounts.get(id))
      .filter((a): a is Account => a !== undefined),
    status: group.status_id === undefined ? undefined : statuses.get(group.status_id),
  }));
  return { items, next: links.next ?? null, prev: links.prev ?? null };
}

/** "Alice", "Alice and Bob", "Alice and 3 others" + what they did. */
export function groupSummary({ group, accounts }: ResolvedGroup): string {
  const first = accounts[0];
  const name = first === undefined ? "?" : first.display_name.trim() || first.username;
  const others = group.notifications_count - 1;
  const who =
    others <= 0
      ? name
      : others === 1 && accounts[1] !== undefined
        ? t("notifications.twoNames", {
            first: name,
            second: accounts[1].display_name.trim() || accounts[1].username,
          })
        : t("notifications.andOthers", { name, count: others });
  const key = `notifications.type.${group.type}` as TranslationKey;
  const text = t(key, { who });
  return text === key ? t("notifications.type.other", { who }) : text;
}

/** Types shown with the whole post (the rest show a one-line excerpt). */
const FULL_STATUS = new Set(["mention", "status", "quote", "update", "quoted_update"]);

function GroupView({ item, unread }: { item: ResolvedGroup; unread: boolean }) {
  const { group, accounts, status } = item;
  if (FULL_STATUS.has(group.type) && status !== undefined) {
    return (
      <li class={`notification-group${unread ? " unread" : ""}`}>
        {group.type !== "mention" && (
          <p class="notification-head">
            <Icon name={ICONS[group.type] ?? "bell"} size={18} />
            <span>{groupSummary(item)}</span>
          </p>
        )}
        <StatusCard status={status} />
      </li>
    );
  }
  return (
    <li class={`notification-group${unread ? " unread" : ""}`}>
      <div class="notification-head">
        <Icon name={ICONS[group.type] ?? "bell"} size={18} />
        <span class="notification-avatars">
          {accounts.slice(0, 8).map((account) => (
            <Link key={account.id} href={`/@${account.acct}`} aria-label={`@${account.acct}`}>
              <img src={account.avatar_static} alt="" width={28} height={28} class="avatar" />
            </Link>
          ))}
        </span>
      </div>
      <p class="notification-summary">{groupSummary(item)}</p>
      {status !== undefined && (
        <Link href={statusPath(status)} class="notification-excerpt">
          <span
            // Server-sanitized HTML.
            dangerouslySetInnerHTML={{
              __html: status.spoiler_text !== "" ? status.spoiler_text : status.content,
            }}
          />
        </Link>
      )}
      {group.type === "follow_request" && (
        <Link href="/follow_requests" class="button secondary">
          {t("notifications.reviewRequests")}
        </Link>
      )}
    </li>
  );
}

function FollowRequestsLink() {
  const [count, setCount] = useState(0);
  useEffect(() => {
    api.get<Account[]>("/api/v1/follow_requests", { limit: 40 }).then(
      (accounts) => setCount(accounts.length),
      () => {},
    );
  }, []);
  if (count === 0) return null;
  return (
    <p class="row">
      <Icon name="people" size={18} />
      <Link href="/follow_requests" class="row-main">
        {t("notifications.pendingRequests", { count })}
      </Link>
    </p>
  );
}

export function NotificationsScreen({ query }: { query: URLSearchParams }) {
  const tab = FILTERS.find((f) => f.id === query.get("tab")) ?? FILTERS[0]!;
  const [fresh, setFresh] = useState(0);
  const [reload, setReload] = useState(0);
  const [lastRead, setLastRead] = useState<string | null>(null);
  const params: Params = tab.types === undefined ? {} : { types: tab.types };
  const paged = usePaged<ResolvedGroup>(
    "/api/v2/notifications",
    params,
    `${tab.id}:${reload}`,
    readGroups,
  );

  // What was unread when the screen opened stays marked; the marker moves to the newest.
  useEffect(() => {
    api
      .get<{ notifications?: { last_read_id: string } }>("/api/v1/markers", {
        timeline: ["notifications"],
      })
      .then(
        (markers) => setLastRead(markers.notifications?.last_read_id ?? "0"),
        () => {},
      );
  }, []);
  const newest = paged.items[0]?.group.most_recent_notification_id;
  useEffect(() => {
    if (newest === undefined || tab.id !== "all") return;
    api
      .post("/api/v1/markers", { notifications: { last_read_id: String(newest) } })
      .catch(() => {});
  }, [newest, tab.id]);

  useEffect(
    () =>
      subscribe({ stream: "user:notification" }, ({ event }) => {
        if (event === "notification") setFresh((n) => n + 1);
      }),
    [],
  );

  const tabs: Tab[] = FILTERS.map((f) => ({
    id: f.id,
    label: t(f.label),
    href: f.id === "all" ? "/notifications" : `/notifications?tab=${f.id}`,
  }));
  return (
    <>
      <ScreenHeader title={t("notifications.title")} />
      <TabBar tabs={tabs} current={tab.id} label={t("notifications.filters")} />
      <FollowRequestsLink />
      {fresh > 0 && (
        <button
          type="button"
          class="new-posts button"
          onClick={() => {
            setFresh(0);
            setReload((n) => n + 1);
          }}
        >
          {t("notifications.new", { count: fresh })}
        </button>
      )}
      <PagedList
        paged={paged}
        label={t("notifications.title")}
        empty={t("notifications.empty")}
        render={(item) => (
          <GroupView
            key={item.group.group_key}
            item={item}
            unread={
              lastRead !== null &&
              BigInt(item.group.most_recent_notification_id) > BigInt(lastRead || "0")
            }
          />
        )}
      />
    </>
  );
}
