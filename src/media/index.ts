// Upload processing (sharp, ffmpeg) and storage adapters (local disk, S3) arrive with the
// posting issue (see docs/architecture.md).
export {};
