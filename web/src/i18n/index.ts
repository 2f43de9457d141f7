// t(key, values): a string from the catalogue with `{name}` replaced. For counts, pass the
// key without its `_one`/`_other` suffix and a `count` value.
import { en, type MessageKey } from "./en.ts";

type Catalogue = Record<string, string>;

const catalogue: Catalogue = en;
export const locale = "en";
const plurals = new Intl.PluralRules(locale);

type PluralBase<K> = K extends `${infer Base}_other` ? Base : never;
export type TranslationKey = MessageKey | PluralBase<MessageKey>;

export function t(key: TranslationKey, values?: Record<string, string | number>): string {
  let template = catalogue[key];
  if (template === undefined && values !== undefined && typeof values.count === "number") {
    template = catalogue[`${key}_${plurals.select(values.count)}`] ?? catalogue[`${key}_other`];
  }
  if (template === undefined) return key;
  if (values === undefined) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? value.toLocaleString(locale) : value;
  });
}
