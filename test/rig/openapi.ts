// Validates JSON responses against the Mastodon OpenAPI spec (test/fixtures/mastodon-openapi.json)
// with Ajv's 2020-12 draft. Every API test runs its responses through `assertSpec`, so a
// missing or mistyped field fails a test instead of a client.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
type PathItem = Record<string, Operation>;

const spec = JSON.parse(
  readFileSync(new URL("../fixtures/mastodon-openapi.json", import.meta.url), "utf8"),
) as {
  paths: Record<string, PathItem>;
};

// Known gap: Status.quote is `oneOf` Quote | ShallowQuote, but each requires only `state` and
// allows other keys, so every quote matches both and `oneOf` always fails. Mastodon always
// sends `quoted_status` in a Quote and `quoted_status_id` in a ShallowQuote: requiring them
// makes the two disjoint (stricter, not looser). See test/fixtures/PROVENANCE.md.
{
  const schemas = (
    spec as unknown as { components: { schemas: Record<string, { required?: string[] }> } }
  ).components.schemas;
  if (schemas.Quote) schemas.Quote.required = ["state", "quoted_status"];
  if (schemas.ShallowQuote) schemas.ShallowQuote.required = ["state", "quoted_status_id"];
}

// Known gap: PreviewCard and TrendsLink give author_url, provider_url and embed_url the format
// `uri`, yet Mastodon sends "" when there is none (the spec's own examples do). An empty
// string is allowed there; any other value must still be a URI.
{
  const schemas = (
    spec as unknown as {
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    }
  ).components.schemas;
  for (const name of ["PreviewCard", "TrendsLink"]) {
    const properties = schemas[name]?.properties;
    if (properties === undefined) continue;
    for (const key of ["author_url", "provider_url", "embed_url"]) {
      const original = properties[key];
      if (original !== undefined) properties[key] = { anyOf: [original, { const: "" }] };
    }
  }
}

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
ajv.addFormat("iso-639-1", /^[a-z]{2}$/);
ajv.addSchema(spec as object, "mastodon");

const templates = Object.keys(spec.paths).map((template) => ({
  template,
  params: (template.match(/\{/g) ?? []).length,
  regex: new RegExp(
    `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[^}]+\\?\}/g, "[^/]+")}$`,
  ),
}));

/** The spec's path template for a concrete path, preferring literal segments over parameters. */
export function findTemplate(path: string): string | undefined {
  const matches = templates.filter((t) => t.regex.test(path)).sort((a, b) => a.params - b.params);
  return matches[0]?.template;
}

const compiled = new Map<string, ValidateFunction>();

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

function validatorFor(method: string, template: string, status: number): ValidateFunction {
  const key = `${method} ${template} ${status}`;
  let validate = compiled.get(key);
  if (validate !== undefined) return validate;
  const operation = spec.paths[template]?.[method.toLowerCase()];
  assert.ok(operation, `the spec has no ${method} ${template}`);
  const response = operation.responses?.[String(status)];
  assert.ok(response, `the spec documents no ${status} response for ${method} ${template}`);
  assert.ok(
    response.content?.["application/json"]?.schema,
    `the spec has no JSON schema for ${status} of ${method} ${template}`,
  );
  const ref = `mastodon#/${pointer("paths", template, method.toLowerCase(), "responses", String(status), "content", "application/json", "schema")}`;
  validate = ajv.compile({ $ref: ref });
  compiled.set(key, validate);
  return validate;
}

/** Asserts that `body` is what the spec says `method path` answers with `status`. */
export function assertSpec(method: string, path: string, status: number, body: unknown): void {
  const pathname = new URL(path, "https://x.test").pathname;
  const template = findTemplate(pathname);
  assert.ok(template, `the spec has no path matching ${pathname}`);
  const validate = validatorFor(method, template, status);
  if (!validate(body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${e.instancePath || "/"} ${e.message}`);
    assert.fail(
      `${method} ${pathname} ${status} does not match the spec:\n  ${errors.join("\n  ")}`,
    );
  }
}

/** Validates against a named component schema, e.g. "Instance", "Error". */
export function assertSchema(name: string, body: unknown): void {
  const key = `#schema ${name}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `mastodon#/components/schemas/${name}` });
    compiled.set(key, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 10)
      .map((e) => `${e.instancePath || "/"} ${e.message}`);
    assert.fail(`body does not match schema ${name}:\n  ${errors.join("\n  ")}`);
  }
}
