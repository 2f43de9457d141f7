// What servers on ports (loopback, development, the multi-server test) need from the pure
// rules: a mention's domain may carry a port, and the JSON of an activity that Fedify hands
// over compacted to its signature context is read under the usual short terms.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { Note } from "@fedify/vocab";
import { countCharacters } from "../../src/domain/text/count.ts";
import { tokenize } from "../../src/domain/text/tokenize.ts";
import {
  quotePolicyOf,
  rawMediaDetails,
  rawObjectOf,
} from "../../src/federation/inbox/raw-media.ts";

describe("mentions of accounts on a server with a port", () => {
  test("the port is part of the domain", () => {
    const mention = tokenize("hi @amy@127.0.0.2:3000, you there?").find(
      (t) => t.type === "mention",
    );
    assert.deepEqual(mention, {
      type: "mention",
      value: "@amy@127.0.0.2:3000",
      username: "amy",
      domain: "127.0.0.2:3000",
    });
  });

  test("no port, a colon without digits, or six digits: as before", () => {
    const domains = (text: string) =>
      tokenize(text).flatMap((t) => (t.type === "mention" ? [t.domain] : []));
    assert.deepEqual(domains("@amy@example.social: hello"), ["example.social"]);
    assert.deepEqual(domains("@amy@example.social:123456"), ["example.social"]);
    assert.deepEqual(domains("@amy@localhost:3000"), [null]);
  });

  test("a remote mention still counts as its user part", () => {
    assert.equal(countCharacters("@amy@127.0.0.2:3000"), "@amy".length);
  });
});

describe("raw terms of an LD-signed activity", () => {
  // As Fedify passes a Linked-Data-signed Create to the listener: compacted to its own context,
  // where the GoToSocial and Mastodon vocabularies have no short names.
  const note = {
    id: "https://a.example/notes/1",
    type: "Note",
    "https://gotosocial.org/ns#interactionPolicy": {
      "https://gotosocial.org/ns#canQuote": {
        "https://gotosocial.org/ns#automaticApproval": { id: "as:Public" },
      },
    },
    attachment: {
      type: "Document",
      url: "https://a.example/m/1.png",
      "http://joinmastodon.org/ns#blurhash": "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
      "http://joinmastodon.org/ns#focalPoint": { "@list": [0.5, -0.25] },
    },
  };
  const container = Object.assign(Object.create(null), {
    _cachedJsonLd: { type: "Create", object: note },
  });

  test("the quote policy and media details are found", () => {
    const raw = rawObjectOf(new Note({ id: new URL(note.id) }), container);
    assert.ok(raw !== null);
    assert.equal(
      quotePolicyOf(raw, null),
      quotePolicyOf({ interactionPolicy: { canQuote: { automaticApproval: "as:Public" } } }, null),
    );
    assert.notEqual(quotePolicyOf(raw, null), 0);
    assert.deepEqual(rawMediaDetails(raw).get("https://a.example/m/1.png"), {
      blurhash: "LEHV6nWB2yk8pyo0adR*.7kCMdnj",
      focus: { x: 0.5, y: -0.25 },
      width: null,
      height: null,
    });
  });

  test("a short term sent alongside its full IRI wins", () => {
    const both = Object.assign(Object.create(null), {
      _cachedJsonLd: {
        object: {
          id: note.id,
          interactionPolicy: { canQuote: { automaticApproval: "as:Public" } },
          "https://gotosocial.org/ns#interactionPolicy": {},
        },
      },
    });
    const raw = rawObjectOf(new Note({ id: new URL(note.id) }), both);
    assert.notEqual(quotePolicyOf(raw, null), 0);
  });
});
