// The one place where errors become responses: Mastodon's {"error": "..."} with the right status.
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { DatabaseBusyError, DatabaseUnavailableError } from "../db/errors.ts";
import { HttpError } from "../lib/errors.ts";
import { log } from "../logger.ts";
import type { Env } from "./env.ts";

const logger = log("http");

export function errorBody(message: string, description?: string): Record<string, string> {
  return description === undefined
    ? { error: message }
    : { error: message, error_description: description };
}

export function errorResponse(
  c: Context,
  status: ContentfulStatusCode,
  message: string,
  description?: string,
) {
  return c.json(errorBody(message, description), status);
}

export const onError: ErrorHandler<Env> = (error, c) => {
  if (error instanceof HttpError)
    return errorResponse(c, error.status, error.message, error.description);
  if (error instanceof HTTPException) {
    // Hono's own (body limit, malformed bodies from its helpers): keep the status, our body.
    const status = error.status as ContentfulStatusCode;
    const message =
      status === 413
        ? "Request entity too large"
        : error.message || "Request could not be processed";
    return errorResponse(c, status, message);
  }
  if (error instanceof DatabaseBusyError || error instanceof DatabaseUnavailableError) {
    logger.warn("Database unavailable for {method} {path}: {error}", {
      method: c.req.method,
      path: c.req.path,
      error: error.message,
    });
    c.header("Retry-After", "5");
    return errorResponse(c, 503, "The server is busy, try again in a moment");
  }
  logger.error("Unhandled error on {method} {path} (request {requestId}): {error}", {
    method: c.req.method,
    path: c.req.path,
    requestId: c.get("requestId"),
    error,
  });
  // The cause stays in the log; the client gets a generic message and the request id.
  return errorResponse(c, 500, "Internal server error");
};

export const onNotFound: NotFoundHandler<Env> = (c) => errorResponse(c, 404, "Record not found");
