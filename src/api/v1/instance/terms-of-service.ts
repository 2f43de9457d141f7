// GET /api/v1/instance/terms_of_service — https://docs.joinmastodon.org/methods/instance/#terms_of_service
// GET /api/v1/instance/terms_of_service/:date
// https://docs.joinmastodon.org/methods/instance/#terms_of_service_date
import { Hono } from "hono";
import { notFound } from "../../../lib/errors.ts";
import { getTermsOfService } from "../../../services/instance/get-instance-documents.ts";
import { toTermsOfService } from "../../entities/instance-documents.ts";
import type { Env } from "../../env.ts";

export const termsOfServiceRoute = new Hono<Env>()
  .get("/terms_of_service", async (c) => {
    const terms = await getTermsOfService(c.var.ctx);
    // As Mastodon: no terms is 404 Record not found, and clients then link to none.
    if (terms.type === "none") throw notFound();
    c.header("Cache-Control", "public, max-age=180");
    return c.json(toTermsOfService(terms));
  })
  .get("/terms_of_service/:date", async (c) => {
    const terms = await getTermsOfService(c.var.ctx);
    // One version is kept (see the service), so only its own date finds it.
    if (terms.type === "none" || terms.effectiveDate !== c.req.param("date")) throw notFound();
    c.header("Cache-Control", "public, max-age=180");
    return c.json(toTermsOfService(terms));
  });
