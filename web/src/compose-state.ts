// Opens the compose dialog from anywhere: a new post, a reply, a quote, or an edit / redraft
// of an existing post (the components/compose/ dialog reads this store).
import type { Status } from "./api/types.ts";
import { createStore } from "./store.ts";

export interface ComposeRequest {
  replyTo?: Status;
  quote?: Status;
  /** Edit this post in place (PUT /api/v1/statuses/:id). */
  edit?: { status: Status; text: string; spoiler: string };
  /** Text to start with (delete & redraft, a mention from a profile). */
  text?: string;
  spoiler?: string;
  visibility?: string;
  /** Media of a redrafted post, reused as they are. */
  media?: Status["media_attachments"];
  /** The id of the deleted post being redrafted (its draft gets its own slot). */
  redraftOf?: string;
}

/** null: the dialog is closed. */
export const composeRequest = createStore<ComposeRequest | null>(null);

export function openCompose(request: ComposeRequest = {}): void {
  composeRequest.set(request);
}

export function closeCompose(): void {
  composeRequest.set(null);
}
