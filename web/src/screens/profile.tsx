// A profile in the app (/@user or /@user@server): header, bio, fields, counts, the
// relationship (follow / unfollow / cancel, mute, block, a private note), featured hashtags
// and pinned posts, then posts, posts with replies, media, followers and following (?tab=).
// A remote account not known yet is looked up on its server (search with resolve=true).
// Your own profile links to the server's profile settings instead.
import { Fragment } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { Account, Relationship, Status } from "../api/types.ts";
import { AccountRow } from "../components/account-row.tsx";
import { ActionButton } from "../components/action-button.tsx";
import { ErrorBox, InlineError } from "../components/error-box.tsx";
import { PagedList, RowSkeletons } from "../components/paged-list.tsx";
import { ScreenHeader } from "../components/screen-header.tsx";
import { StatusCard } from "../components/status.tsx";
import { type Tab, TabBar } from "../components/tab-bar.tsx";
import { Timeline } from "../components/timeline.tsx";
import { usePaged } from "../components/use-paged.ts";
import { errorMessage, useRequest } from "../components/use-request.ts";
import { openCompose } from "../compose-state.ts";
import { t } from "../i18n/index.ts";
import { Link, type RouteProps } from "../router.tsx";
import { me } from "../session.ts";
import { useStore } from "../store.ts";
import { emojifyHtml, emojifyText } from "../util/emoji.ts";
import { displayName } from "../util/format.ts";

const TABS = ["posts", "replies", "media", "following", "followers"] as const;
type ProfileTab = (typeof TABS)[number];

interface FeaturedTag {
  id: string;
  name: string;
}

/** The account for an address: a known one by lookup, else resolved on its server. */
async function findAccount(acct: string, signal: AbortSignal): Promise<Account> {
  try {
    return await api.get<Account>("/api/v1/accounts/lookup", { acct }, signal);
  } catch (error) {
    if (!acct.includes("@")) throw error;
    const found = await api.get<{ accounts: Account[] }>(
      "/api/v2/search",
      { q: `@${acct}`, resolve: true, type: "accounts", limit: 1 },
      signal,
    );
    const account = found.accounts[0];
    if (account === undefined) throw error;
    return account;
  }
}

function NoteEditor({ account, relationship }: { account: Account; relationship: Relationship }) {
  const [note, setNote] = useState(relationship.note);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    setSaved(false);
    setError(null);
    try {
      await api.post(`/api/v1/accounts/${account.id}/note`, { comment: note });
      setSaved(true);
    } catch (reason) {
      setError(errorMessage(reason));
    }
  };
  return (
    <div class="profile-note-editor">
      <label>
        {t("profile.note")}
        <textarea
          value={note}
          maxLength={2000}
          placeholder={t("profile.notePlaceholder")}
          onInput={(e) => {
            setNote(e.currentTarget.value);
            setSaved(false);
          }}
          onBlur={() => {
            if (note !== relationship.note || saved) void save();
          }}
        />
      </label>
      {saved && (
        <span class="saved" role="status">
          {t("profile.noteSaved")}
        </span>
      )}
      <InlineError error={error} inline />
    </div>
  );
}

function RelationshipActions({
  account,
  relationship,
  onChange,
}: {
  account: Account;
  relationship: Relationship;
  onChange: (relationship: Relationship) => void;
}) {
  const act = (path: string, body?: unknown) => async () => {
    onChange(await api.post<Relationship>(`/api/v1/accounts/${account.id}/${path}`, body));
  };
  const acct = account.acct;
  return (
    <div class="row-actions">
      {relationship.blocking ? (
        <ActionButton danger action={act("unblock")} label={t("profile.unblockNamed", { acct })}>
          {t("profile.unblock")}
        </ActionButton>
      ) : relationship.following ? (
        <ActionButton
          secondary
          action={act("unfollow")}
          label={t("profile.unfollowNamed", { acct })}
        >
          {t("profile.unfollow")}
        </ActionButton>
      ) : relationship.requested ? (
        <ActionButton secondary action={act("unfollow")} label={t("profile.cancelNamed", { acct })}>
          {t("profile.cancelRequest")}
        </ActionButton>
      ) : (
        <ActionButton action={act("follow")} label={t("profile.followNamed", { acct })}>
          {relationship.followed_by ? t("profile.followBack") : t("profile.follow")}
        </ActionButton>
      )}
      <button
        type="button"
        class="button secondary"
        onClick={() => openCompose({ text: `@${acct} ` })}
      >
        {t("profile.mention")}
      </button>
      {relationship.muting ? (
        <ActionButton secondary action={act("unmute")} label={t("profile.unmuteNamed", { acct })}>
          {t("profile.unmute")}
        </ActionButton>
      ) : (
        <ActionButton secondary action={act("mute")} label={t("profile.muteNamed", { acct })}>
          {t("profile.mute")}
        </ActionButton>
      )}
      {!relationship.blocking && (
        <ActionButton
          secondary
          label={t("profile.blockNamed", { acct })}
          action={async () => {
            if (confirm(t("profile.confirmBlock", { acct }))) await act("block")();
          }}
        >
          {t("profile.block")}
        </ActionButton>
      )}
    </div>
  );
}

function ProfileHeader({ account, own }: { account: Account; own: boolean }) {
  const [relationship, setRelationship] = useState<Relationship | null>(null);
  useEffect(() => {
    if (own) return;
    api.get<Relationship[]>("/api/v1/accounts/relationships", { id: [account.id] }).then(
      (list) => setRelationship(list[0] ?? null),
      () => {},
    );
  }, [account.id, own]);
  const base = `/@${account.acct}`;
  return (
    <section class="profile-header" aria-label={t("profile.about", { name: displayName(account) })}>
      <img class="profile-banner" src={account.header_static} alt="" width={600} height={200} />
      <div class="profile-info">
        <div class="profile-top">
          <img
            class="avatar profile-avatar"
            src={account.avatar_static}
            alt=""
            width={88}
            height={88}
          />
          {own ? (
            <Link class="button secondary" href="/settings/profile">
              {t("profile.edit")}
            </Link>
          ) : (
            relationship && (
              <RelationshipActions
                account={account}
                relationship={relationship}
                onChange={setRelationship}
              />
            )
          )}
        </div>
        <div class="profile-names">
          <h2
            dangerouslySetInnerHTML={{ __html: emojifyText(displayName(account), account.emojis) }}
          />
          <span class="muted">
            @{account.acct}
            {account.locked && ` · ${t("profile.locked")}`}
            {account.bot && ` · ${t("profile.bot")}`}
          </span>
        </div>
        {relationship && (
          <p class="relationship-badges">
            {relationship.followed_by && <span class="badge">{t("profile.followsYou")}</span>}
            {relationship.muting && <span class="badge">{t("profile.muted")}</span>}
            {relationship.blocking && <span class="badge">{t("profile.blocked")}</span>}
            {relationship.domain_blocking && (
              <span class="badge">{t("profile.domainBlocked")}</span>
            )}
          </p>
        )}
        <div
          class="profile-note"
          // Bios are sanitized by the server.
          dangerouslySetInnerHTML={{ __html: emojifyHtml(account.note, account.emojis) }}
        />
        {account.fields.length > 0 && (
          <dl class="profile-fields">
            {account.fields.map((field) => (
              <Fragment key={field.name}>
                <dt>{field.name}</dt>
                <dd
                  class={field.verified_at ? "verified" : undefined}
                  title={field.verified_at ? t("profile.verified") : undefined}
                  dangerouslySetInnerHTML={{ __html: emojifyHtml(field.value, account.emojis) }}
                />
              </Fragment>
            ))}
          </dl>
        )}
        <p class="profile-counts">
          <Link href={base}>
            <strong>{account.statuses_count.toLocaleString()}</strong>{" "}
            {t("profile.count.posts", { count: account.statuses_count })}
          </Link>
          <Link href={`${base}?tab=following`}>
            <strong>{account.following_count.toLocaleString()}</strong>{" "}
            {t("profile.count.following", { count: account.following_count })}
          </Link>
          <Link href={`${base}?tab=followers`}>
            <strong>{account.followers_count.toLocaleString()}</strong>{" "}
            {t("profile.count.followers", { count: account.followers_count })}
          </Link>
        </p>
        {relationship && <NoteEditor account={account} relationship={relationship} />}
      </div>
    </section>
  );
}

function Featured({ account }: { account: Account }) {
  const tags = useRequest(
    (signal) =>
      api.get<FeaturedTag[]>(`/api/v1/accounts/${account.id}/featured_tags`, undefined, signal),
    `tags:${account.id}`,
  );
  const pinned = useRequest(
    (signal) =>
      api.get<Status[]>(`/api/v1/accounts/${account.id}/statuses`, { pinned: true }, signal),
    `pinned:${account.id}`,
  );
  return (
    <>
      {(tags.data?.length ?? 0) > 0 && (
        <nav class="featured-tags" aria-label={t("profile.featuredTags")}>
          {tags.data?.map((tag) => (
            <Link
              key={tag.id}
              class="tag-chip"
              href={`/@${account.acct}?tag=${encodeURIComponent(tag.name)}`}
            >
              #{tag.name}
            </Link>
          ))}
        </nav>
      )}
      {(pinned.data?.length ?? 0) > 0 && (
        <section aria-label={t("profile.pinned")}>
          <h2 class="section-title">{t("profile.pinned")}</h2>
          {pinned.data?.map((status) => (
            <StatusCard key={status.id} status={status} />
          ))}
        </section>
      )}
    </>
  );
}

function People({ account, tab }: { account: Account; tab: "followers" | "following" }) {
  const paged = usePaged<Account>(`/api/v1/accounts/${account.id}/${tab}`, undefined, tab);
  return (
    <PagedList
      paged={paged}
      label={t(`profile.${tab}`)}
      empty={t(`profile.${tab}Empty`)}
      render={(person) => <AccountRow key={person.id} account={person} />}
    />
  );
}

export function ProfileScreen({ params, query }: RouteProps) {
  const acct = (params.acct ?? "").replace(/^@/, "");
  const tab: ProfileTab = (TABS as readonly string[]).includes(query.get("tab") ?? "")
    ? (query.get("tab") as ProfileTab)
    : "posts";
  const tag = query.get("tag");
  const self = useStore(me);
  const found = useRequest((signal) => findAccount(acct, signal), acct);
  const account = found.data;
  const title = account ? displayName(account) : `@${acct}`;
  const base = `/@${acct}`;
  const tabs: Tab[] = TABS.map((id) => ({
    id,
    label: t(`profile.tab.${id}`),
    href: id === "posts" ? base : `${base}?tab=${id}`,
  }));
  return (
    <>
      <ScreenHeader title={title} back />
      {found.loading ? (
        <RowSkeletons count={2} />
      ) : found.error !== null || account === undefined ? (
        <ErrorBox message={found.error ?? t("profile.notFound")} onRetry={found.retry} />
      ) : (
        <>
          <ProfileHeader account={account} own={self?.id === account.id} />
          <TabBar tabs={tabs} current={tab} label={t("profile.sections")} />
          {tab === "posts" && tag === null && <Featured account={account} />}
          {(tab === "posts" || tab === "replies" || tab === "media") && (
            <Timeline
              key={`${tab}:${tag ?? ""}`}
              path={`/api/v1/accounts/${account.id}/statuses`}
              params={
                tab === "posts"
                  ? { exclude_replies: true, tagged: tag ?? undefined }
                  : tab === "media"
                    ? { only_media: true }
                    : {}
              }
              label={t(`profile.tab.${tab}`)}
              empty={t("profile.noPosts")}
            />
          )}
          {(tab === "followers" || tab === "following") && <People account={account} tab={tab} />}
        </>
      )}
    </>
  );
}
