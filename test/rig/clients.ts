// Real Mastodon client libraries pointed at a rig started with `listen: true`: masto.js (what
// Phanpy and Elk are built on) and megalodon (Whalebird and others). They speak HTTP to the
// rig's server exactly as they would to Mastodon, so their parsing is part of the test.
//
//   describeEachDatabase("clients", (rig) => {
//     test("v2", async () => { const instance = await masto(rig()).v2.instance.fetch(); ... });
//   }, { listen: true });
import { createRestAPIClient, type mastodon } from "masto";
import megalodonModule, { type MegalodonInterface } from "megalodon";
import type { Rig } from "./index.ts";

// megalodon is CommonJS: from ESM its default export (the generator) is `.default` of the module.
const generator = megalodonModule.default;

function serverUrl(rig: Rig): string {
  if (!rig.url.startsWith("http://127.0.0.1:")) {
    throw new Error("client libraries need a listening rig: pass { listen: true }");
  }
  return rig.url;
}

/** A masto.js REST client for the rig, anonymous unless given a token. */
export function masto(rig: Rig, accessToken?: string): mastodon.rest.Client {
  return createRestAPIClient({
    url: serverUrl(rig),
    ...(accessToken === undefined ? {} : { accessToken }),
  });
}

/** A megalodon client for the rig, as an app that knows it talks to Mastodon. */
export function megalodon(rig: Rig, accessToken: string | null = null): MegalodonInterface {
  return generator("mastodon", serverUrl(rig), accessToken);
}
