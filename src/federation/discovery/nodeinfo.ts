// NodeInfo 2.0 and 2.1 — https://github.com/jhass/nodeinfo/blob/main/PROTOCOL.md
// GET /.well-known/nodeinfo links to both documents; crawlers (FediDB, the-federation.info)
// and clients read them to learn the software and its size. Elk fetches /nodeinfo/2.0 by its
// fixed path; Phanpy follows the link. Served here rather than through Fedify's dispatcher so
// that it comes from the same InstanceInfo as the client API's instance documents.
import { Hono } from "hono";
import type { Env } from "../../api/env.ts";
import { getInstanceInfo, type InstanceInfo } from "../../services/instance/get-instance-info.ts";
import { SOURCE_URL } from "../../version.ts";

export const NODEINFO_VERSIONS = ["2.0", "2.1"] as const;
export type NodeInfoVersion = (typeof NODEINFO_VERSIONS)[number];

export const nodeInfoSchema = (version: NodeInfoVersion) =>
  `http://nodeinfo.diaspora.software/ns/schema/${version}`;

export interface NodeInfo {
  version: NodeInfoVersion;
  software: { name: string; version: string; repository?: string; homepage?: string };
  protocols: string[];
  services: { inbound: string[]; outbound: string[] };
  openRegistrations: boolean;
  usage: {
    users: { total: number; activeMonth: number; activeHalfyear: number };
    localPosts: number;
  };
  metadata: { nodeName: string; nodeDescription: string };
}

export function toNodeInfo(info: InstanceInfo, version: NodeInfoVersion): NodeInfo {
  return {
    version,
    software: {
      // Our own name, not "mastodon": crawlers count Hearth servers by it. Clients that gate
      // features on the name (Phanpy) learn the Mastodon level from the instance `version`.
      name: info.software.name,
      version: info.software.version,
      // Added in 2.1; the 2.0 schema forbids any other key in `software`.
      ...(version === "2.1" ? { repository: SOURCE_URL, homepage: SOURCE_URL } : {}),
    },
    protocols: ["activitypub"],
    services: { inbound: [], outbound: [] },
    // "Open" means anyone can sign up and post straight away: not when a moderator approves.
    openRegistrations: info.settings.registrations === "open",
    usage: {
      users: {
        total: info.stats.userCount,
        activeMonth: info.stats.activeMonth,
        activeHalfyear: info.stats.activeHalfyear,
      },
      localPosts: info.stats.statusCount,
    },
    metadata: { nodeName: info.settings.title, nodeDescription: info.settings.description },
  };
}

export const nodeInfoRoutes = new Hono<Env>()
  .get("/.well-known/nodeinfo", (c) => {
    const baseUrl = c.var.ctx.config.baseUrl;
    c.header("Cache-Control", "public, max-age=259200");
    return c.json({
      links: NODEINFO_VERSIONS.map((version) => ({
        rel: nodeInfoSchema(version),
        href: `${baseUrl}/nodeinfo/${version}`,
      })),
    });
  })
  .get("/nodeinfo/:version{2\\.[01]}", async (c) => {
    const version = c.req.param("version") as NodeInfoVersion;
    const info = await getInstanceInfo(c.var.ctx);
    // The protocol asks for the schema as a profile parameter of application/json.
    const contentType = `application/json; profile="${nodeInfoSchema(version)}#"`;
    return c.body(JSON.stringify(toNodeInfo(info, version)), 200, {
      "Content-Type": contentType,
      // Mastodon caches it for half an hour: counts need not be fresher for crawlers.
      "Cache-Control": "public, max-age=1800",
    });
  });
