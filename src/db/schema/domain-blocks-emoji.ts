// 0016-domain-blocks-emoji: user-level domain blocks and custom emoji.
import type { ColumnType, Generated } from "kysely";

export interface AccountDomainBlocksTable {
  id: string;
  account_id: string;
  /** Lower-case punycode, as accounts.domain. */
  domain: string;
  created_at: string;
}

export interface CustomEmojisTable {
  id: string;
  shortcode: string;
  /** null for local emoji. */
  domain: ColumnType<string | null, string | null | undefined, string | null>;
  uri: string;
  /** Storage keys (media/storage.ts): the image as imported and a still PNG of it. */
  image_key: string;
  static_key: string;
  visible_in_picker: Generated<boolean>;
  category: ColumnType<string | null, string | null | undefined, string | null>;
  disabled: Generated<boolean>;
  created_at: string;
  updated_at: string;
  /** 0025: a remote emoji's image where its server keeps it (keys are empty then). */
  image_remote_url: ColumnType<string | null, string | null | undefined, string | null>;
}
