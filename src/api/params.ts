// Request parameters as Mastodon reads them: query string, then the body, which may be JSON,
// form-urlencoded or multipart. Form keys follow Rails conventions: `ids[]=1&ids[]=2` is a
// list and `fields_attributes[0][name]=x` a nested object. Handlers then read typed values
// with the helpers below, which fail with Mastodon's messages and status codes.
import type { Context } from "hono";
import { badRequest, HttpError, unprocessable } from "../lib/errors.ts";

export type ParamValue = string | number | boolean | null | File | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}
export type Params = ParamObject;

/** Largest JSON or form body we read. */
export const MAX_TEXT_BODY_BYTES = 1024 * 1024;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** `a[b][0][]` → ["a", "b", "0", ""]; null when the key is malformed. */
export function splitRailsKey(key: string): string[] | null {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (match === null) return null;
  const parts = [match[1] as string];
  for (const m of (match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)) parts.push(m[1] as string);
  return parts;
}

/** Adds one form field to `target`, building lists and nested objects. */
export function setRailsParam(target: ParamObject, key: string, value: string | File): void {
  const parts = splitRailsKey(key);
  if (parts === null || parts.some((p) => FORBIDDEN_KEYS.has(p))) return;
  let node: ParamObject | ParamValue[] = target;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const last = i === parts.length - 1;
    const nextIsList = !last && parts[i + 1] === "";
    if (Array.isArray(node)) {
      // `a[][b]=1&a[][c]=2`: start a new element when the current last one already has the key.
      if (part !== "") return;
      if (last) {
        node.push(value);
        return;
      }
      const rest = parts[i + 1] as string;
      let element: ParamValue | undefined = node[node.length - 1];
      if (!isObject(element) || rest in element) {
        element = {};
        node.push(element);
      }
      node = element;
      continue;
    }
    if (last) {
      node[part] = value;
      return;
    }
    const existing: ParamValue | undefined = node[part];
    let child: ParamObject | ParamValue[];
    if (nextIsList) child = Array.isArray(existing) ? existing : [];
    else child = isObject(existing) ? existing : {};
    node[part] = child;
    node = child;
  }
}

function isObject(value: unknown): value is ParamObject {
  return (
    typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof File)
  );
}

function fromEntries(entries: Iterable<[string, string | File]>): Params {
  const params: Params = {};
  for (const [key, value] of entries) setRailsParam(params, key, value);
  return params;
}

/** Largest multipart body (media uploads), checked again per endpoint by the media code. */
export const MAX_MULTIPART_BODY_BYTES = 100 * 1024 * 1024;

const tooLarge = () => new HttpError(413, "Request entity too large");

/**
 * Reads the body, refusing more than `limit` bytes. A declared Content-Length is checked
 * before reading; a chunked body is counted while it streams in.
 * @NOTE The body is read through Hono's arrayBuffer() (node-server's fast path), never
 * through `.body` or `.formData()` on the request: those build a full undici Request with an
 * AbortSignal, which Node does not free (undici PR #5822), and memory grows per request.
 */
async function readLimited(c: Context, limit: number): Promise<ArrayBuffer> {
  const declared = c.req.header("content-length");
  if (declared !== undefined) {
    if (Number(declared) > limit) throw tooLarge();
    const buffer = await c.req.arrayBuffer();
    if (buffer.byteLength > limit) throw tooLarge();
    return buffer;
  }
  const stream = c.req.raw.body;
  if (stream === null) return new ArrayBuffer(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return all.buffer;
}

async function readBody(c: Context): Promise<Params> {
  const method = c.req.method;
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return {};
  const contentType = c.req.header("content-type") ?? "";
  const type = contentType.split(";")[0]?.trim().toLowerCase() ?? "";
  if (type === "application/json" || type.endsWith("+json")) {
    const text = new TextDecoder().decode(await readLimited(c, MAX_TEXT_BODY_BYTES));
    if (text.trim() === "") return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badRequest(
        "Error occurred while parsing request parameters: the body is not valid JSON",
      );
    }
    if (!isObject(parsed)) throw unprocessable("The JSON body must be an object");
    return stripForbidden(parsed);
  }
  if (type === "application/x-www-form-urlencoded") {
    const text = new TextDecoder().decode(await readLimited(c, MAX_TEXT_BODY_BYTES));
    return fromEntries(new URLSearchParams(text));
  }
  if (type === "multipart/form-data") {
    const buffer = await readLimited(c, MAX_MULTIPART_BODY_BYTES);
    let form: FormData;
    try {
      // Parsed through a Response, which is freed normally (see readLimited).
      form = await new Response(buffer, { headers: { "content-type": contentType } }).formData();
    } catch {
      throw badRequest("Error occurred while parsing request parameters: malformed multipart body");
    }
    return fromEntries(form.entries() as Iterable<[string, string | File]>);
  }
  return {};
}

function stripForbidden(value: ParamObject): ParamObject {
  for (const key of Object.keys(value)) if (FORBIDDEN_KEYS.has(key)) delete value[key];
  return value;
}

const cache = new WeakMap<Request, Promise<Params>>();

/** Query and body parameters merged (the body wins), parsed once per request. */
export function readParams(c: Context): Promise<Params> {
  let pending = cache.get(c.req.raw);
  if (pending === undefined) {
    pending = (async () => {
      const query = fromEntries(new URL(c.req.url).searchParams);
      const body = await readBody(c);
      return { ...query, ...body };
    })();
    cache.set(c.req.raw, pending);
  }
  return pending;
}

// ---- typed readers -------------------------------------------------------------------------

const missing = (name: string) => badRequest(`param is missing or the value is empty: ${name}`);
const invalid = (name: string, what: string) => unprocessable(`Validation failed: ${name} ${what}`);

export function optionalString(
  params: Params,
  name: string,
  options: { max?: number } = {},
): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value !== "string") throw invalid(name, "must be a string");
  if (options.max !== undefined && [...value].length > options.max) {
    throw invalid(name, `is too long (maximum is ${options.max} characters)`);
  }
  return value;
}

export function requiredString(
  params: Params,
  name: string,
  options: { max?: number } = {},
): string {
  const value = optionalString(params, name, options);
  if (value === undefined || value.trim() === "") throw missing(name);
  return value;
}

// Rails' ActiveModel::Type::Boolean: these strings are false, any other non-empty value true.
const FALSE_VALUES = new Set(["0", "f", "false", "off", "no", "n"]);

export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value !== "string") throw invalid(name, "must be true or false");
  return !FALSE_VALUES.has(value.trim().toLowerCase());
}

export function optionalInteger(
  params: Params,
  name: string,
  options: { min?: number; max?: number } = {},
): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === "") return undefined;
  const n =
    typeof value === "number"
      ? value
      : typeof value === "string" && /^-?\d+$/.test(value.trim())
        ? Number(value)
        : Number.NaN;
  if (!Number.isSafeInteger(n)) throw invalid(name, "must be an integer");
  if (options.min !== undefined && n < options.min)
    throw invalid(name, `must be at least ${options.min}`);
  if (options.max !== undefined && n > options.max)
    throw invalid(name, `must be at most ${options.max}`);
  return n;
}

/** A list given as `name[]=a&name[]=b`, a JSON array, `name[0]=a` or a single `name=a`. */
export function stringList(params: Params, name: string, options: { max?: number } = {}): string[] {
  const value = params[name] ?? params[`${name}[]`];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : isObject(value) ? listFromObject(value) : [value];
  const strings = items.map((item) => {
    if (typeof item === "string") return item;
    if (typeof item === "number") return String(item);
    throw invalid(name, "must be a list of strings");
  });
  if (options.max !== undefined && strings.length > options.max) {
    throw invalid(name, `has too many items (maximum is ${options.max})`);
  }
  return strings;
}

/** Rails sends `fields_attributes[0][name]` as an object keyed by index: turn it into a list. */
export function listFromObject(value: ParamObject): ParamValue[] {
  return Object.keys(value)
    .filter((k) => /^\d+$/.test(k))
    .sort((a, b) => Number(a) - Number(b))
    .map((k) => value[k] as ParamValue);
}

/** A list of objects, as `fields_attributes` comes (array, or object keyed by index). */
export function objectList(params: Params, name: string): ParamObject[] {
  const value = params[name];
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : isObject(value) ? listFromObject(value) : null;
  if (items === null || !items.every(isObject)) throw invalid(name, "must be a list of objects");
  return items as ParamObject[];
}
