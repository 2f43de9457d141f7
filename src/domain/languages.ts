// Languages people can post in and an instance can name as its own: the ISO 639-1 two-letter
// codes, with English names from the runtime's ICU data (Intl.DisplayNames), so we carry no
// table of names. GET /api/v1/instance/languages lists them; the composer's language picker
// in clients reads that list.

/** Every ISO 639-1 code in use (the deprecated iw, in, ji, mo and sh are left out). */
export const ISO_639_1_CODES: readonly string[] = Object.freeze(
  (
    "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy " +
    "da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht " +
    "hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky " +
    "la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny " +
    "oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss " +
    "st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo " +
    "za zh zu"
  ).split(" "),
);

const CODES = new Set(ISO_639_1_CODES);

export function isLanguageCode(code: string): boolean {
  return CODES.has(code);
}

export interface Language {
  code: string;
  name: string;
}

const englishNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** The English name of a language code ("de" → "German"); the code itself when unknown. */
export function languageName(code: string): string {
  try {
    return englishNames.of(code) ?? code;
  } catch {
    // Intl throws on strings that are not well-formed language tags.
    return code;
  }
}

let cached: readonly Language[] | undefined;

/** All ISO 639-1 languages with their English names, in code order. */
export function listLanguages(): readonly Language[] {
  cached ??= Object.freeze(
    ISO_639_1_CODES.map((code) => Object.freeze({ code, name: languageName(code) })),
  );
  return cached;
}
