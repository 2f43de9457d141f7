// Helpers for the OAuth and sign-in tests: a cookie jar, the CSRF token of a form, a PKCE
// pair, passwords for the fixtures, and the whole browser flow up to the authorization code.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "../../src/lib/password.ts";
import type { FixtureName } from "../rig/fixtures.ts";
import type { Rig } from "../rig/index.ts";

export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(res: Response | { headers: Headers }): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): Record<string, string> {
    if (this.cookies.size === 0) return {};
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }
}

/** A page fetched (or a form posted) as a browser would, keeping cookies. */
export async function browse(
  rig: Rig,
  jar: CookieJar,
  path: string,
  form?: Record<string, string>,
  ip?: string,
): Promise<{ status: number; location: string | null; text: string; headers: Headers }> {
  const res = await rig.request(path, {
    method: form === undefined ? "GET" : "POST",
    headers: {
      ...jar.header(),
      ...(form === undefined ? {} : { "content-type": "application/x-www-form-urlencoded" }),
    },
    ...(form === undefined ? {} : { body: new URLSearchParams(form).toString() }),
    ...(ip === undefined ? {} : { ip }),
  });
  jar.take(res);
  return {
    status: res.status,
    location: res.headers.get("location"),
    text: await res.text(),
    headers: res.headers,
  };
}

/** The value of a hidden or named input of an HTML page. */
export function inputValue(html: string, name: string): string {
  const match = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
  assert.ok(match, `no input ${name} in the page`);
  return (match[1] as string)
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** Every hidden input of the first form posting to `action`. */
export function formFields(html: string, action: string): Record<string, string> {
  const start = html.indexOf(`action="${action}"`);
  assert.ok(start >= 0, `no form posting to ${action}`);
  const form = html.slice(start, html.indexOf("</form>", start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[m[1] as string] = (m[2] as string).replace(/&amp;/g, "&").replace(/&quot;/g, '"');
  }
  return fields;
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

const hashes = new Map<string, Promise<string>>();
/** Gives a fixture user its password (`fixtures[name].user.password`). */
export async function setPassword(rig: Rig, name: FixtureName): Promise<void> {
  const fixture = rig.fixtures[name] as { user?: { id: string; password: string } };
  assert.ok(fixture.user);
  const { id, password } = fixture.user;
  let hash = hashes.get(password);
  if (hash === undefined) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  await rig.ctx.db
    .updateTable("users")
    .set({ password_hash: await hash })
    .where("id", "=", id)
    .execute();
}

export interface RegisteredApp {
  id: string;
  client_id: string;
  client_secret: string;
  redirect_uri: string;
}

export async function registerApp(
  rig: Rig,
  fields: Record<string, unknown> = {},
  ip?: string,
): Promise<RegisteredApp> {
  const res = await rig.send<RegisteredApp>(
    "POST",
    "/api/v1/apps",
    {
      client_name: "Kit",
      redirect_uris: "https://app.example/callback",
      scopes: "read write",
      ...fields,
    },
    ip === undefined ? {} : { ip },
  );
  assert.equal(res.status, 200, res.text);
  return res.body;
}

export async function signIn(rig: Rig, jar: CookieJar, email: string, password: string) {
  const page = await browse(rig, jar, "/auth/sign_in");
  return browse(rig, jar, "/auth/sign_in", {
    authenticity_token: inputValue(page.text, "authenticity_token"),
    email,
    password,
  });
}

/** Signs `user` in, consents, and returns the code from the redirect. */
export async function obtainCode(
  rig: Rig,
  app: RegisteredApp,
  options: { user?: FixtureName; scope?: string; challenge?: string; state?: string } = {},
): Promise<string> {
  const user = rig.fixtures[options.user ?? "alice"] as {
    user: { email: string; password: string };
  };
  const jar = new CookieJar();
  const signedIn = await signIn(rig, jar, user.user.email, user.user.password);
  assert.equal(signedIn.status, 303, signedIn.text);
  const query = new URLSearchParams({
    response_type: "code",
    client_id: app.client_id,
    redirect_uri: app.redirect_uri.split("\n")[0] as string,
    scope: options.scope ?? "read",
    ...(options.state === undefined ? {} : { state: options.state }),
    ...(options.challenge === undefined
      ? {}
      : { code_challenge: options.challenge, code_challenge_method: "S256" }),
  });
  const consent = await browse(rig, jar, `/oauth/authorize?${query}`);
  assert.equal(consent.status, 200, consent.text);
  const decision = await browse(rig, jar, "/oauth/authorize", {
    ...formFields(consent.text, "/oauth/authorize"),
    decision: "authorize",
  });
  assert.equal(decision.status, 302, decision.text);
  const code = new URL(decision.location as string).searchParams.get("code");
  assert.ok(code);
  return code;
}
