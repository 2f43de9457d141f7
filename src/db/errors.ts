// Our database errors. Each dialect in db/dialects/ translates its driver's errors into these,
// so that repos and services never look at SQLSTATE codes or SQLite result codes.

/** A row with the same unique key already exists. */
export class UniqueViolationError extends Error {
  override name = "UniqueViolationError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** A referenced row does not exist (or is still referenced on delete). */
export class ForeignKeyViolationError extends Error {
  override name = "ForeignKeyViolationError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The database is locked by another writer for longer than the busy timeout. */
export class DatabaseBusyError extends Error {
  override name = "DatabaseBusyError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

/** The database cannot be reached or opened. */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
