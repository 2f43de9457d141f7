// Statuses change in one place and show in many (a favourite in a thread is also in the home
// timeline): actions publish the new Status here, and every list holding it replaces its copy.
import type { Status } from "./api/types.ts";

type Listener = (change: { updated?: Status; deleted?: string; created?: Status }) => void;
const listeners = new Set<Listener>();

export function statusUpdated(status: Status): void {
  for (const listener of listeners) listener({ updated: status });
}

/** A post this person just made (a thread shows a new reply at once). */
export function statusCreated(status: Status): void {
  for (const listener of listeners) listener({ created: status });
}

export function statusDeleted(id: string): void {
  for (const listener of listeners) listener({ deleted: id });
}

export function onStatusChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** `list` with `updated` put in place of its old copy (also where it is the boosted post). */
export function replaceStatus(list: Status[], updated: Status): Status[] {
  let changed = false;
  const next = list.map((status) => {
    if (status.id === updated.id) {
      changed = true;
      return updated;
    }
    if (status.reblog?.id === updated.id) {
      changed = true;
      return { ...status, reblog: updated };
    }
    return status;
  });
  return changed ? next : list;
}

/** `list` without the status `id` nor boosts of it. */
export function removeStatus(list: Status[], id: string): Status[] {
  const next = list.filter((status) => status.id !== id && status.reblog?.id !== id);
  return next.length === list.length ? list : next;
}
