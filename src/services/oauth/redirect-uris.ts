// Redirect URIs as Doorkeeper validates them for Mastodon: absolute, no fragment, any scheme
// (mobile apps register `myapp://callback`), plain http allowed (loopback callbacks of desktop
// apps), and the out-of-band URN that shows the code instead of redirecting.

export const OOB_URI = "urn:ietf:wg:oauth:2.0:oob";

const MAX_URI_LENGTH = 2000;
const MAX_URIS = 20;
// Schemes a browser would run or read locally rather than hand to an app.
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:"]);

/** Splits what the client sent (a string with newlines or spaces, or a list) into URIs. */
export function splitRedirectUris(input: string | string[]): string[] {
  const items = Array.isArray(input) ? input : [input];
  return [...new Set(items.flatMap((item) => item.split(/\s+/)).filter((u) => u !== ""))];
}

/** Mastodon's validation message for the first bad URI, or null when all are acceptable. */
export function redirectUriProblem(uris: string[]): string | null {
  if (uris.length === 0) return "Redirect URI can't be blank";
  if (uris.length > MAX_URIS) return `Redirect URI has too many entries (maximum is ${MAX_URIS})`;
  for (const uri of uris) {
    if (uri === OOB_URI) continue;
    if (uri.length > MAX_URI_LENGTH) return "Redirect URI is too long";
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return "Redirect URI must be an absolute URI.";
    }
    // `new URL` accepts "foo:bar" as absolute; require a scheme of letters and something after.
    if (!/^[a-z][a-z0-9+.-]*:/i.test(uri) || FORBIDDEN_SCHEMES.has(url.protocol)) {
      return "Redirect URI must be an absolute URI.";
    }
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname === "") {
      return "Redirect URI must be an absolute URI.";
    }
    if (uri.includes("#")) return "Redirect URI cannot contain a fragment.";
  }
  return null;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

function isLoopback(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

/**
 * The registered URI that `given` stands for, or null. Matching is exact, except that a
 * native app's loopback callback may use any port (RFC 8252 §7.3): it picks a free one at run
 * time, so `http://127.0.0.1/cb` registered matches `http://127.0.0.1:49152/cb`.
 */
export function matchRedirectUri(registered: string[], given: string): string | null {
  if (registered.includes(given)) return given;
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return null;
  }
  if (!isLoopback(url) || given.includes("#")) return null;
  for (const candidate of registered) {
    let reg: URL;
    try {
      reg = new URL(candidate);
    } catch {
      continue;
    }
    if (
      isLoopback(reg) &&
      reg.hostname === url.hostname &&
      reg.pathname === url.pathname &&
      reg.search === url.search &&
      reg.username === url.username &&
      reg.password === url.password
    ) {
      return given;
    }
  }
  return null;
}
