// The server's long texts as pages: /privacy-policy (the administrator's, or the default one)
// and /terms-of-service (404 when none are set, as the API).
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import {
  getPrivacyPolicy,
  getTermsOfService,
} from "../../services/instance/get-instance-documents.ts";
import { dateOf } from "./format.ts";
import { paragraphs } from "./landing.ts";
import { errorPage, publicPage } from "./layout.ts";

type C = Context<Env>;

export async function privacyPolicyPage(c: C) {
  const policy = await getPrivacyPolicy(c.var.ctx);
  return publicPage(c, {
    title: "Privacy policy",
    description: `How ${c.var.ctx.config.domain} handles personal data`,
    canonical: `${c.var.ctx.config.baseUrl}/privacy-policy`,
    type: "website",
    body: html`<h1>Privacy policy</h1>
      <p class="muted">Last updated ${dateOf(policy.updatedAt)}</p>
      ${paragraphs(policy.text)}`,
  });
}

export async function termsOfServicePage(c: C) {
  const terms = await getTermsOfService(c.var.ctx);
  if (terms.type === "none") return errorPage(c, 404, "This server has no terms of service.");
  return publicPage(c, {
    title: "Terms of service",
    description: `The terms of service of ${c.var.ctx.config.domain}`,
    canonical: `${c.var.ctx.config.baseUrl}/terms-of-service`,
    type: "website",
    body: html`<h1>Terms of service</h1>
      <p class="muted">Effective ${dateOf(terms.effectiveDate)}</p>
      ${paragraphs(terms.text)}`,
  });
}
