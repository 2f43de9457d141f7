// Uploads one file with progress (XMLHttpRequest: fetch has no upload progress) to
// POST /api/v2/media, then waits for processing (202 → poll GET /api/v1/media/:id).
import { ApiError, api, authHeader } from "../../api/client.ts";
import type { MediaAttachment } from "../../api/types.ts";
import { t } from "../../i18n/index.ts";

export function uploadMedia(
  file: File,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<MediaAttachment> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v2/media");
    for (const [name, value] of Object.entries(authHeader())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, t("error.network")));
    xhr.onabort = () => reject(new DOMException("aborted", "AbortError"));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200 || xhr.status === 202) {
        resolve(body as MediaAttachment);
        return;
      }
      const message = (body as { error?: string } | null)?.error;
      reject(new ApiError(xhr.status, message ?? t("error.server", { status: xhr.status })));
    };
    signal?.addEventListener("abort", () => xhr.abort());
    const form = new FormData();
    form.append("file", file);
    xhr.send(form);
  });
}

/** Polls until the server has processed the file (its `url` is set). */
export async function waitProcessed(media: MediaAttachment): Promise<MediaAttachment> {
  let current = media;
  for (let delay = 500; current.url === null; delay = Math.min(delay * 2, 5000)) {
    await new Promise((r) => setTimeout(r, delay));
    current = await api.get<MediaAttachment>(`/api/v1/media/${current.id}`);
  }
  return current;
}
