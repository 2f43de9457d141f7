// The ordered migration set, shared by both databases. Never edit a migration after it has
// been merged: add a new one.
import type { Migration } from "kysely";
import * as m0001 from "./0001-initial.ts";
import * as m0002 from "./0002-oauth.ts";

export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-oauth": m0002,
};
