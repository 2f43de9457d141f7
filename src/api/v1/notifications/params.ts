// What the notification lists read from a request: type filters, one sender, filtered ones.
import { isId } from "../../../domain/id.ts";
import type { ListOptions } from "../../../services/notifications/list-notifications.ts";
import { optionalBoolean, optionalString, type Params, stringList } from "../../params.ts";

export function readListOptions(params: Params): ListOptions {
  const accountId = optionalString(params, "account_id");
  return {
    types: stringList(params, "types"),
    excludeTypes: stringList(params, "exclude_types"),
    // An id that names no account shows nothing rather than failing, as Mastodon's where().
    fromAccountId:
      accountId === undefined || accountId === "" ? undefined : isId(accountId) ? accountId : "0",
    includeFiltered: optionalBoolean(params, "include_filtered") ?? false,
  };
}
