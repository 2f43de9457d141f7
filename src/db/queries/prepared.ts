// Hot fixed-shape queries built and compiled once, then run with new values. Building and
// compiling a Kysely query that carries the visibility rule cost about as much CPU as SQLite
// running it (issue 5, S1 profile); a home page ran that work on every request.
//
// `prepareQuery(build)` calls `build` with placeholders instead of the values, compiles the
// result once per database handle and shape, and afterwards swaps the values into the
// compiled parameters. Kysely hands every value to the dialect as a bound parameter, so a
// placeholder is found again by identity. The shape is which values are present (undefined
// or null ones are passed as such, not as placeholders): `build` may branch on presence
// (`page.maxId !== undefined`, `viewerId === null`) but never on a value itself, and values
// must be scalars (an `in` list changes the SQL with its length: build those per call).
import { type Compilable, type CompiledQuery, createQueryId } from "kysely";
import type { Db } from "../index.ts";

class Placeholder {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

type Scalar = string | number | boolean | null | undefined;

interface Template {
  compiled: CompiledQuery;
  /** Per compiled parameter: the value's name, or null for a constant written by `build`. */
  slots: (string | null)[];
}

export function prepareQuery<P extends { [K in keyof P]: Scalar }, O>(
  build: (db: Db, values: P) => Compilable<O>,
): (db: Db, values: P) => Promise<O[]> {
  // Per handle (SQLite and PostgreSQL compile differently; a transaction is its own handle).
  const cache = new WeakMap<Db, Map<string, Template>>();
  return async (db, values) => {
    const shape = Object.entries(values)
      .map(([k, v]) => `${k}:${v === undefined ? "u" : v === null ? "n" : "v"}`)
      .join(",");
    let templates = cache.get(db);
    if (templates === undefined) {
      templates = new Map();
      cache.set(db, templates);
    }
    let template = templates.get(shape);
    if (template === undefined) {
      const placeholders = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, v == null ? v : new Placeholder(k)]),
      ) as P;
      const compiled = build(db, placeholders).compile();
      const slots = compiled.parameters.map((p) => (p instanceof Placeholder ? p.name : null));
      template = { compiled, slots };
      templates.set(shape, template);
    }
    const { compiled, slots } = template;
    const parameters = compiled.parameters.map((p, i) => {
      const name = slots[i];
      return name == null ? p : (values as Record<string, Scalar>)[name];
    });
    const result = await db.executeQuery<O>({ ...compiled, parameters, queryId: createQueryId() });
    return result.rows;
  };
}
