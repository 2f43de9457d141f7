// The ordered migration set, shared by both databases. Never edit a migration after it has
// been merged: add a new one.
import type { Migration } from "kysely";
import * as m0001 from "./0001-initial.ts";

export const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
};
