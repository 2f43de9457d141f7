// One account in a list (followers, search results, mutes, follow requests…): avatar, name
// with custom emoji, @acct, linking to the profile in the app; actions go on the right.
import type { ComponentChildren } from "preact";
import type { Account } from "../api/types.ts";
import { Link } from "../router.tsx";
import { emojifyText } from "../util/emoji.ts";
import { displayName } from "../util/format.ts";
import "../styles/screens.css";

export function AccountRow({
  account,
  children,
  note,
}: {
  account: Account;
  children?: ComponentChildren;
  /** Show the bio's first lines (directory, suggestions). */
  note?: boolean;
}) {
  return (
    <li class="account-row">
      <Link href={`/@${account.acct}`} class="account-row-link">
        <img src={account.avatar_static} alt="" width={40} height={40} class="avatar" />
        <span class="account-row-names">
          <span
            class="display-name"
            dangerouslySetInnerHTML={{ __html: emojifyText(displayName(account), account.emojis) }}
          />
          <span class="acct">@{account.acct}</span>
          {note && account.note !== "" && (
            <span
              class="account-row-note"
              // The server sanitizes bios to its small allow-list of tags.
              dangerouslySetInnerHTML={{ __html: account.note }}
            />
          )}
        </span>
      </Link>
      {children !== undefined && <span class="account-row-actions">{children}</span>}
    </li>
  );
}
