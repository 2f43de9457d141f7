// Errors that reach the client. Each carries the HTTP status and a message safe to show; the
// single error handler in app.ts turns them into Mastodon's {"error": "..."} body.
// Expected outcomes of a service are returned as data; these are for the request's edges
// (bad parameters, missing auth) and for the handler to map a result to a response.

export class HttpError extends Error {
  override name = "HttpError";
  readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 503;
  readonly description: string | undefined;
  constructor(status: HttpError["status"], message: string, description?: string) {
    super(message);
    this.status = status;
    this.description = description;
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const unauthorized = (message = "The access token is invalid") =>
  new HttpError(401, message);
export const forbidden = (message = "This action is not allowed") => new HttpError(403, message);
export const notFound = (message = "Record not found") => new HttpError(404, message);
export const unprocessable = (message: string) => new HttpError(422, message);
export const tooManyRequests = () => new HttpError(429, "Too many requests");
