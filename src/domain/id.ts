// Mastodon-style ids: 64-bit integers whose high 48 bits are milliseconds since the Unix epoch
// and whose low 16 bits keep ids made in the same millisecond apart. They sort by time, so
// max_id/since_id/min_id are plain comparisons, and clients see them as decimal strings.

const SEQUENCE_BITS = 16n;
const SEQUENCE_MASK = (1n << SEQUENCE_BITS) - 1n;

export type IdGenerator = (time?: Date) => string;

/** Generator of ids that increase strictly within this process. */
export function createIdGenerator(now: () => Date): IdGenerator {
  let last = 0n;
  return (time?: Date) => {
    const ms = BigInt((time ?? now()).getTime());
    let id = ms << SEQUENCE_BITS;
    // An id for a past time (a remote post's published date) may land among older ids; it only
    // has to be unique, which the low bits from `last` keep within this process.
    if (time === undefined && id <= last) id = last + 1n;
    else if (time !== undefined) id |= BigInt(Math.floor(Math.random() * Number(SEQUENCE_MASK)));
    if (time === undefined) last = id;
    return id.toString();
  };
}

/** The smallest id for a moment: use it to page "since this time". */
export function idForTime(time: Date): string {
  return (BigInt(time.getTime()) << SEQUENCE_BITS).toString();
}

/** The time an id was made at. */
export function timeOfId(id: string): Date {
  return new Date(Number(BigInt(id) >> SEQUENCE_BITS));
}

/** True for a decimal string that can be one of our ids (or a remote id we stored). */
export function isId(value: string): boolean {
  return /^\d{1,19}$/.test(value) && BigInt(value) < 1n << 63n;
}
