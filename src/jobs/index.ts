// Typed, serializable jobs and their queue arrive with the posting and federation issues
// (see docs/architecture.md). Kept as a folder so the layout is visible from the start.
export {};
