// Our database errors. Each dialect in db/dialects/ translates its driver's errors into these,
// so that repos and services never look at SQLSTATE codes or SQLite result codes.
// They take Error's (message, { cause }) constructor; the driver's error is the cause.

/** A row with the same unique key already exists. */
export class UniqueViolationError extends Error {
  override name = "UniqueViolationError";
}

/** A referenced row does not exist (or is still referenced on delete). */
export class ForeignKeyViolationError extends Error {
  override name = "ForeignKeyViolationError";
}

/** The database is locked by another writer for longer than the busy timeout. */
export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
}

/** The database cannot be reached or opened. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}
