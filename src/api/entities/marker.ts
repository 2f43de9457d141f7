// Marker — https://docs.joinmastodon.org/entities/Marker/
export interface MarkerEntity {
  last_read_id: string;
  version: number;
  updated_at: string;
}

export function toMarkers(
  rows: { timeline: string; last_read_id: string; version: number; updated_at: string }[],
): Record<string, MarkerEntity> {
  const out: Record<string, MarkerEntity> = {};
  for (const r of rows) {
    out[r.timeline] = {
      last_read_id: String(r.last_read_id),
      version: Number(r.version),
      updated_at: r.updated_at,
    };
  }
  return out;
}
