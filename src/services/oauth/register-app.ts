// POST /api/v1/apps: registers a client. Every app is confidential (Mastodon issues a secret
// to all); the secret is shown once and stored hashed. Nothing is stored unless all is valid.
import type { AppContext } from "../../context.ts";
import { parseScopes, unknownScopes } from "../../domain/scopes.ts";
import { unprocessable } from "../../lib/errors.ts";
import { hashToken, randomToken } from "../../lib/tokens.ts";
import { type ApplicationRow, insertApplication } from "../../repos/oauth.ts";
import { redirectUriProblem, splitRedirectUris } from "./redirect-uris.ts";

export interface RegisterAppInput {
  name: string | undefined;
  redirectUris: string | string[];
  scopes: string | undefined;
  website: string | undefined;
}

export interface RegisteredApp {
  app: ApplicationRow;
  clientSecret: string;
}

const MAX_NAME = 60;
const MAX_WEBSITE = 2000;

function validWebsite(website: string): boolean {
  if (website.length > MAX_WEBSITE) return false;
  try {
    const url = new URL(website);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export async function registerApp(
  ctx: AppContext,
  input: RegisterAppInput,
): Promise<RegisteredApp> {
  const problems: string[] = [];
  const name = input.name?.trim() ?? "";
  if (name === "") problems.push("Application name can't be blank");
  else if ([...name].length > MAX_NAME)
    problems.push(`Application name is too long (maximum is ${MAX_NAME} characters)`);
  const uris = splitRedirectUris(input.redirectUris);
  const uriProblem = redirectUriProblem(uris);
  if (uriProblem !== null) problems.push(uriProblem);
  // An absent or blank `scopes` means `read`, as Doorkeeper's default scope.
  const scopes = parseScopes(input.scopes);
  if (scopes.length === 0) scopes.push("read");
  if (unknownScopes(scopes).length > 0)
    problems.push("Scopes doesn't match configured on the server.");
  const website = input.website?.trim() || null;
  if (website !== null && !validWebsite(website)) problems.push("Website is invalid");
  if (problems.length > 0) throw unprocessable(`Validation failed: ${problems.join(", ")}`);

  const now = ctx.clock.now().toISOString();
  const clientSecret = randomToken();
  const app: ApplicationRow = {
    id: ctx.newId(),
    name,
    website,
    redirect_uris: uris.join("\n"),
    scopes: scopes.join(" "),
    client_id: randomToken(),
    client_secret_hash: hashToken(clientSecret),
    owner_user_id: null,
    created_at: now,
    updated_at: now,
  };
  await insertApplication(ctx.db, app);
  return { app, clientSecret };
}
