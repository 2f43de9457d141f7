// The landing and about page (/about, and / for visitors who are not signed in): what this
// server is, its numbers, rules, who to contact, whether and how one signs up, the servers it
// moderates, and its privacy policy. The web app (src/pages/web-app.ts) calls renderLanding
// for `/` when there is no web session.
import type { Context } from "hono";
import { html } from "hono/html";
import type { Env } from "../../api/env.ts";
import { assetUrl, THUMBNAIL } from "../../assets/manifest.ts";
import { getPublicInstance } from "../../services/instance/get-public-instance.ts";
import { listPublicDomainBlocks } from "../../services/instance-domain-blocks/list-blocks.ts";
import { displayName, handleOf, plural } from "./format.ts";
import { publicPage } from "./layout.ts";

type C = Context<Env>;

/** Plain text with blank lines between paragraphs → paragraphs (escaped). */
export function paragraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map(
      (p) => html`<p>${p.split("\n").map((line, i) => (i === 0 ? line : html`<br />${line}`))}</p>`,
    );
}

const REGISTRATION_TEXT = {
  open: "Anyone can create an account here.",
  approval: "You can ask for an account here: the moderators review every sign-up.",
  closed: "This server does not accept new accounts at the moment.",
} as const;

export async function renderLanding(c: C) {
  const ctx = c.var.ctx;
  const [instance, blocks] = await Promise.all([
    getPublicInstance(ctx),
    listPublicDomainBlocks(ctx),
  ]);
  const { settings, stats, rules, contactAccount } = instance;
  const thumbnail = assetUrl(ctx.config.baseUrl, THUMBNAIL);
  const registrations = settings.registrations;
  return publicPage(c, {
    settings,
    title: settings.title,
    description: settings.description || `${settings.title}, a Hearth server`,
    canonical: `${ctx.config.baseUrl}/about`,
    type: "website",
    image: { url: thumbnail, alt: settings.title, large: true },
    body: html`<img class="thumbnail" src="${thumbnail}" alt="" width="1200" height="630" />
      <h1>${settings.title}</h1>
      <p>${settings.description}</p>
      <section aria-labelledby="join">
        <h2 id="join">Join</h2>
        <p>${REGISTRATION_TEXT[registrations]}</p>
        ${registrations === "closed" && settings.registrations_message !== "" ? paragraphs(settings.registrations_message) : ""}
        <p>
          ${registrations === "closed" ? "" : html`<a class="button primary" href="/auth/sign_up">Sign up</a>`}
          <a class="button" href="/auth/sign_in">Sign in</a>
        </p>
        <p class="muted">Or use any Mastodon app with the server <strong>${ctx.config.domain}</strong>.</p>
      </section>
      <section aria-labelledby="stats">
        <h2 id="stats">In numbers</h2>
        <ul class="counts">
          <li><strong>${plural(stats.userCount, "person", "people")}</strong></li>
          <li><strong>${plural(stats.activeMonth, "active this month", "active this month")}</strong></li>
          <li><strong>${plural(stats.statusCount, "post", "posts")}</strong></li>
          <li><strong>${plural(stats.domainCount, "connected server", "connected servers")}</strong></li>
        </ul>
      </section>
      ${settings.extended_description.trim() === "" ? "" : html`<section aria-labelledby="about"><h2 id="about">About</h2>${paragraphs(settings.extended_description)}</section>`}
      ${
        rules.length === 0
          ? ""
          : html`<section aria-labelledby="rules">
        <h2 id="rules">Rules</h2>
        <ol>${rules.map((r) => html`<li>${r.text}${r.hint ? html`<br /><span class="muted">${r.hint}</span>` : ""}</li>`)}</ol>
      </section>`
      }
      <section aria-labelledby="contact">
        <h2 id="contact">Contact</h2>
        ${contactAccount === null ? "" : html`<p>Administered by <a href="/@${contactAccount.username}">${displayName(contactAccount)}</a> (${handleOf(ctx, contactAccount)})</p>`}
        ${settings.contact_email === "" ? "" : html`<p>Email: <a href="mailto:${settings.contact_email}">${settings.contact_email}</a></p>`}
        ${contactAccount === null && settings.contact_email === "" ? html`<p class="muted">No contact given.</p>` : ""}
      </section>
      ${
        blocks.length === 0
          ? ""
          : html`<section aria-labelledby="moderated">
        <h2 id="moderated">Moderated servers</h2>
        <p>Content from these servers is limited or blocked here.</p>
        <table>
          <thead><tr><th scope="col">Server</th><th scope="col">Severity</th><th scope="col">Reason</th></tr></thead>
          <tbody>${blocks.map((b) => html`<tr><td>${b.domain}</td><td>${b.severity === "suspend" ? "Suspended" : "Limited"}</td><td>${b.comment ?? ""}</td></tr>`)}</tbody>
        </table>
      </section>`
      }
      <p><a href="/privacy-policy">Privacy policy</a>${settings.terms_of_service.trim() === "" ? "" : html` · <a href="/terms-of-service">Terms of service</a>`}</p>
      <p class="muted">Hearth ${instance.software.version}</p>`,
  });
}
