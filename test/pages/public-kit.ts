// Shared by the public pages suites: fetch a page as a browser (or a server), parse it with
// htmlparser2, and read what a visitor or a link preview would: meta tags, links, text.
import { DomUtils, parseDocument } from "htmlparser2";
import type { Rig } from "../rig/index.ts";

export const BROWSER = { accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
export const AP = { accept: "application/activity+json" };

type Doc = ReturnType<typeof parseDocument>;
type Element = ReturnType<typeof DomUtils.findAll>[number];

export interface PageView {
  status: number;
  headers: Headers;
  text: string;
  doc: Doc;
}

export async function view(rig: Rig, path: string, headers: Record<string, string> = BROWSER) {
  const res = await rig.get<string>(path, { headers });
  return { status: res.status, headers: res.headers, text: res.text, doc: parseDocument(res.text) };
}

/** Elements under `root` (a document or an element) passing `test`. */
export function all(root: Doc | Element, test: (el: Element) => boolean): Element[] {
  return DomUtils.findAll(test, root.children);
}

/** content of <meta property=…> or <meta name=…>. */
export function meta(doc: Doc, key: string): string | undefined {
  const el = all(
    doc,
    (e) => e.name === "meta" && (e.attribs.property === key || e.attribs.name === key),
  )[0];
  return el?.attribs.content;
}

/** hrefs of <link rel=… [type=…]>. */
export function links(doc: Doc, rel: string, type?: string): string[] {
  return all(
    doc,
    (e) =>
      e.name === "link" && e.attribs.rel === rel && (type === undefined || e.attribs.type === type),
  ).map((e) => e.attribs.href ?? "");
}

export function byClass(doc: Doc, className: string): Element[] {
  return all(doc, (e) => (e.attribs.class ?? "").split(/\s+/).includes(className));
}

/** The visible text of the body (what a reader sees, markup gone, entities decoded). */
export function bodyText(doc: Doc): string {
  const body = all(doc, (e) => e.name === "body")[0];
  return body === undefined ? "" : DomUtils.textContent(body);
}

export function textOf(el: Element): string {
  return DomUtils.textContent(el);
}

/** Ids of the posts shown (article ids `status-<id>`), in page order. */
export function shownIds(doc: Doc): string[] {
  return all(doc, (e) => e.name === "article" && (e.attribs.id ?? "").startsWith("status-")).map(
    (e) => (e.attribs.id as string).slice("status-".length),
  );
}

export { DomUtils, parseDocument };
