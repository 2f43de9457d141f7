// JSON-LD contexts that peers publish but that would change what a document means to a
// JSON-LD processor (Fedify) and not to Mastodon, which reads plain JSON. GoToSocial's
// documented actor lists "http://schema.org" after ActivityStreams: the schema.org context
// defines `Person` too, so as JSON-LD the actor becomes a schema:Person and no actor at all.
// Mastodon's own context takes only PropertyValue and value from schema.org; we put that in
// its place, which also spares fetching schema.org's large context for every such actor.
// Likewise `manuallyApprovesFollowers`, which the ActivityStreams context does not define:
// Mastodon declares it inline; a document that uses it without declaring it (GoToSocial's
// example) gets Mastodon's declaration, so a locked account stays locked.
const SCHEMA_ORG = new Set([
  "http://schema.org",
  "http://schema.org/",
  "https://schema.org",
  "https://schema.org/",
]);

const AS = "https://www.w3.org/ns/activitystreams#";

const SCHEMA_ORG_TERMS = {
  schema: "http://schema.org#",
  PropertyValue: "schema:PropertyValue",
  value: "schema:value",
};

/** The document with schema.org context references narrowed to Mastodon's two terms. */
export function narrowContexts(document: unknown): unknown {
  if (typeof document !== "object" || document === null || Array.isArray(document)) return document;
  const record = document as Record<string, unknown>;
  const context = record["@context"];
  const list = Array.isArray(context) ? context : [context];
  const schemaOrg = list.some((c) => typeof c === "string" && SCHEMA_ORG.has(c));
  const undeclaredLock =
    "manuallyApprovesFollowers" in record &&
    !list.some((c) => typeof c === "object" && c !== null && "manuallyApprovesFollowers" in c);
  if (!schemaOrg && !undeclaredLock) return document;
  const narrowed = list.map((c) =>
    typeof c === "string" && SCHEMA_ORG.has(c) ? SCHEMA_ORG_TERMS : c,
  );
  if (undeclaredLock)
    narrowed.push({ manuallyApprovesFollowers: `${AS}manuallyApprovesFollowers` });
  return { ...record, "@context": narrowed };
}
