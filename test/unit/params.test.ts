import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  objectList,
  optionalBoolean,
  optionalInteger,
  type Params,
  requiredString,
  setRailsParam,
  splitRailsKey,
  stringList,
} from "../../src/api/params.ts";
import { HttpError } from "../../src/lib/errors.ts";

function form(pairs: [string, string][]): Params {
  const params: Params = {};
  for (const [k, v] of pairs) setRailsParam(params, k, v);
  return params;
}

const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof HttpError);
    return error.status;
  }
  assert.fail("did not throw");
};

describe("Rails-style parameters", () => {
  test("keys split into segments", () => {
    assert.deepEqual(splitRailsKey("a"), ["a"]);
    assert.deepEqual(splitRailsKey("ids[]"), ["ids", ""]);
    assert.deepEqual(splitRailsKey("fields_attributes[0][name]"), [
      "fields_attributes",
      "0",
      "name",
    ]);
    assert.equal(splitRailsKey("a[b"), null);
    assert.equal(splitRailsKey("[a]"), null);
  });

  test("ids[] becomes a list and nested keys become objects", () => {
    const p = form([
      ["ids[]", "1"],
      ["ids[]", "2"],
      ["fields_attributes[0][name]", "Web"],
      ["fields_attributes[0][value]", "https://a.example"],
      ["fields_attributes[1][name]", "Pronouns"],
      ["source[privacy]", "unlisted"],
    ]);
    assert.deepEqual(p.ids, ["1", "2"]);
    assert.deepEqual(objectList(p, "fields_attributes"), [
      { name: "Web", value: "https://a.example" },
      { name: "Pronouns" },
    ]);
    assert.deepEqual(p.source, { privacy: "unlisted" });
    assert.deepEqual(stringList(p, "ids"), ["1", "2"]);
  });

  test("lists of objects: a repeated key starts a new element", () => {
    const p = form([
      ["poll[options][]", "yes"],
      ["poll[options][]", "no"],
      ["items[][a]", "1"],
      ["items[][b]", "2"],
      ["items[][a]", "3"],
    ]);
    assert.deepEqual(p.poll, { options: ["yes", "no"] });
    assert.deepEqual(p.items, [{ a: "1", b: "2" }, { a: "3" }]);
  });

  test("prototype keys are dropped", () => {
    const p = form([
      ["__proto__[polluted]", "yes"],
      ["a[constructor][prototype][x]", "1"],
    ]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(p, {});
  });

  test("stringList takes a single value, an array or an index-keyed object", () => {
    assert.deepEqual(stringList({ id: "5" }, "id"), ["5"]);
    assert.deepEqual(stringList({ id: ["5", 6] }, "id"), ["5", "6"]);
    assert.deepEqual(stringList({ id: { "1": "b", "0": "a" } }, "id"), ["a", "b"]);
    assert.deepEqual(stringList({}, "id"), []);
    assert.equal(
      status(() => stringList({ id: [{}] }, "id")),
      422,
    );
    assert.equal(
      status(() => stringList({ id: ["1", "2", "3"] }, "id", { max: 2 })),
      422,
    );
  });

  test("booleans read as Rails reads them", () => {
    for (const v of ["true", "1", "on", "yes", true, 1])
      assert.equal(optionalBoolean({ x: v }, "x"), true, String(v));
    for (const v of ["false", "0", "off", "no", "f", false, 0])
      assert.equal(optionalBoolean({ x: v }, "x"), false, String(v));
    assert.equal(optionalBoolean({ x: "" }, "x"), undefined);
    assert.equal(optionalBoolean({}, "x"), undefined);
    assert.equal(
      status(() => optionalBoolean({ x: ["a"] }, "x")),
      422,
    );
  });

  test("integers are checked for shape and range", () => {
    assert.equal(optionalInteger({ n: "42" }, "n"), 42);
    assert.equal(optionalInteger({ n: 7 }, "n", { max: 10 }), 7);
    assert.equal(
      status(() => optionalInteger({ n: "4.2" }, "n")),
      422,
    );
    assert.equal(
      status(() => optionalInteger({ n: "abc" }, "n")),
      422,
    );
    assert.equal(
      status(() => optionalInteger({ n: "11" }, "n", { max: 10 })),
      422,
    );
    assert.equal(
      status(() => optionalInteger({ n: "-1" }, "n", { min: 0 })),
      422,
    );
  });

  test("required strings: missing is 400, too long is 422", () => {
    assert.equal(requiredString({ s: "hi" }, "s"), "hi");
    assert.equal(
      status(() => requiredString({}, "s")),
      400,
    );
    assert.equal(
      status(() => requiredString({ s: "  " }, "s")),
      400,
    );
    assert.equal(
      status(() => requiredString({ s: "abcd" }, "s", { max: 3 })),
      422,
    );
    // Length counts characters, not UTF-16 units: an emoji is one.
    assert.equal(requiredString({ s: "😀😀😀" }, "s", { max: 3 }), "😀😀😀");
  });
});
