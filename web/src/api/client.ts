// A typed fetch client for the Mastodon client API with the session's token. Errors become
// ApiError with a message fit to show in place (the server's `{"error"}` or plain words for a
// lost connection); pages follow the Link header (rel="next"/"prev") as Mastodon paginates.
import { t } from "../i18n/index.ts";
import { initialState } from "../state.ts";

export type Params = Record<string, string | number | boolean | string[] | null | undefined>;

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "ApiError";
    this.status = status;
  }
}

export interface Page<T> {
  items: T[];
  /** URL of older items (Link rel="next"), or null at the end. */
  next: string | null;
  /** URL of newer items (Link rel="prev"). */
  prev: string | null;
}

let token = initialState?.access_token ?? "";
const unauthorizedListeners = new Set<() => void>();

export function setToken(value: string): void {
  token = value;
}

/** Called once the token is refused (session ended elsewhere): the app asks to sign in again. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function authHeader(): Record<string, string> {
  return token === "" ? {} : { Authorization: `Bearer ${token}` };
}

export function query(params: Params | undefined): string {
  if (params === undefined) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const item of value) search.append(`${key}[]`, item);
    else search.append(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The links of a `Link` header by rel. */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (header === null) return links;
  for (const part of header.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part);
    if (match) links[match[2]!] = match[1]!;
  }
  return links;
}

export async function errorFrom(response: Response): Promise<ApiError> {
  let message = "";
  try {
    const body = (await response.json()) as { error?: unknown };
    if (typeof body.error === "string") message = body.error;
  } catch {
    // Not JSON (a proxy's error page): say what happened in plain words below.
  }
  if (response.status === 401) for (const listener of unauthorizedListeners) listener();
  if (message === "") message = t("error.server", { status: response.status });
  return new ApiError(response.status, message);
}

interface RequestOptions {
  params?: Params;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function request(
  method: string,
  pathOrUrl: string,
  options: RequestOptions = {},
): Promise<Response> {
  const headers: Record<string, string> = { Accept: "application/json", ...authHeader() };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`${pathOrUrl}${query(options.params)}`, {
      method,
      headers: { ...headers, ...options.headers },
      body,
      signal: options.signal,
      credentials: "omit",
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, t("error.network"));
  }
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await request(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, params?: Params, signal?: AbortSignal) =>
    json<T>("GET", path, { params, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    json<T>("POST", path, { body, headers }),
  put: <T>(path: string, body?: unknown) => json<T>("PUT", path, { body }),
  patch: <T>(path: string, body?: unknown) => json<T>("PATCH", path, { body }),
  delete: <T>(path: string, params?: Params) => json<T>("DELETE", path, { params }),
  /** One page of a paginated list; pass `next` of the previous page as the path to go on. */
  async page<T>(pathOrUrl: string, params?: Params, signal?: AbortSignal): Promise<Page<T>> {
    const response = await request("GET", pathOrUrl, { params, signal });
    const links = parseLinkHeader(response.headers.get("Link"));
    const items = (await response.json()) as T[];
    return { items, next: links.next ?? null, prev: links.prev ?? null };
  },
};
