// The limits this server advertises in GET /api/v1/instance and /api/v2/instance, and the
// numbers the code that accepts posts, profiles, media and polls must enforce. One module, so
// what clients are told and what the server does never drift apart. Values are Mastodon's
// defaults: clients size their composers from them, and other servers expect posts that fit.

export const ACCOUNT_LIMITS = Object.freeze({
  maxFeaturedTags: 10,
  maxPinnedStatuses: 5,
  maxDisplayNameLength: 30,
  maxNoteLength: 500,
  maxProfileFields: 4,
  profileFieldNameLimit: 255,
  profileFieldValueLimit: 255,
  maxAvatarDescriptionLength: 150,
  maxHeaderDescriptionLength: 150,
});

export const STATUS_LIMITS = Object.freeze({
  maxCharacters: 500,
  maxMediaAttachments: 4,
  /** Every URL in a post counts as this many characters, whatever its length. */
  charactersReservedPerUrl: 23,
});

export const IMAGE_MIME_TYPES: readonly string[] = Object.freeze([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/heic",
  "image/heif",
  "image/webp",
  "image/avif",
]);

export const VIDEO_MIME_TYPES: readonly string[] = Object.freeze([
  "video/webm",
  "video/mp4",
  "video/quicktime",
  "video/ogg",
]);

// Mastodon lists these spellings of the same few formats because browsers and phones disagree
// on them; `video/x-ms-asf` is there because some phones label voice recordings with it.
export const AUDIO_MIME_TYPES: readonly string[] = Object.freeze([
  "audio/wave",
  "audio/wav",
  "audio/x-wav",
  "audio/x-pn-wave",
  "audio/vnd.wave",
  "audio/ogg",
  "audio/vorbis",
  "audio/mpeg",
  "audio/mp3",
  "audio/webm",
  "audio/flac",
  "audio/aac",
  "audio/m4a",
  "audio/x-m4a",
  "audio/mp4",
  "audio/3gpp",
  "video/x-ms-asf",
]);

export const MEDIA_LIMITS = Object.freeze({
  supportedMimeTypes: Object.freeze([
    ...IMAGE_MIME_TYPES,
    ...VIDEO_MIME_TYPES,
    ...AUDIO_MIME_TYPES,
  ]) as readonly string[],
  descriptionLimit: 1500,
  /** 16 MiB. */
  imageSizeLimit: 16 * 1024 * 1024,
  /** 7680 × 4320 pixels (8K). */
  imageMatrixLimit: 33_177_600,
  /** 99 MiB. */
  videoSizeLimit: 99 * 1024 * 1024,
  videoFrameRateLimit: 120,
  /** 3840 × 2160 pixels (4K). */
  videoMatrixLimit: 8_294_400,
});

export const POLL_LIMITS = Object.freeze({
  maxOptions: 4,
  maxCharactersPerOption: 50,
  /** Five minutes, in seconds. */
  minExpiration: 300,
  /** One average month (30.436875 days), in seconds. */
  maxExpiration: 2_629_746,
});
