// A quoted post inside another: compact, linking to its thread; unavailable or pending
// quotes say so instead.
import type { Quote, Status } from "../api/types.ts";
import { t } from "../i18n/index.ts";
import { Link } from "../router.tsx";
import { displayName, statusPath } from "../util/format.ts";
import { StatusContent } from "./status.tsx";

export function QuotedStatus({ quote }: { quote: Quote }) {
  const quoted: Status | null = "quoted_status" in quote ? quote.quoted_status : null;
  if (quoted === null || quote.state !== "accepted") {
    return (
      <blockquote class="quote unavailable">
        {quote.state === "pending" ? t("status.quotePending") : t("status.quoteUnavailable")}
      </blockquote>
    );
  }
  return (
    <blockquote class="quote">
      <Link href={statusPath(quoted)} class="quote-author">
        <img src={quoted.account.avatar_static} alt="" width={20} height={20} class="avatar" />
        <strong>{displayName(quoted.account)}</strong>{" "}
        <span class="acct">@{quoted.account.acct}</span>
      </Link>
      <StatusContent status={quoted} />
    </blockquote>
  );
}
