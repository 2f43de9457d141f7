// Our version, and the Mastodon version we are compatible with. Clients detect features from
// `version` (a semver they parse up to the first space) and `api_versions.mastodon`.
import { readFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  version: string;
};

export const HEARTH_VERSION: string = pkg.version;
export const MASTODON_COMPAT_VERSION = "4.5.0";
/** Mastodon's API version number for the level we implement (7 = Mastodon 4.5). */
export const MASTODON_API_VERSION = 7;
export const VERSION_STRING = `${MASTODON_COMPAT_VERSION} (compatible; Hearth ${HEARTH_VERSION})`;
export const SOURCE_URL = "https://github.com/hearth-social/hearth";
