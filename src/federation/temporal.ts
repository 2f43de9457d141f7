// Temporal for Fedify's APIs. Node 24 has no global Temporal; Fedify runs on the polyfill it
// depends on, while its types name the standard (lib esnext.temporal) classes. These helpers
// make polyfill values and give them the standard types.
import { Temporal as Polyfill } from "@js-temporal/polyfill";

/** An instant from an ISO-8601 timestamp. */
export function instant(iso: string): Temporal.Instant {
  return Polyfill.Instant.from(iso) as unknown as Temporal.Instant;
}

/** A duration such as `{ hours: 1 }`. */
export function duration(like: Temporal.DurationLike): Temporal.Duration {
  return Polyfill.Duration.from(like) as unknown as Temporal.Duration;
}
