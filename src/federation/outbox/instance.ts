// One Fedify federation per AppContext for the code that sends (the `federation.deliver` job,
// tests driving the queue): building it registers every dispatcher, so it is made once.
import type { Context, Federation } from "@fedify/fedify";
import type { AppContext } from "../../context.ts";
import { createFederation } from "../federation.ts";

const federations = new WeakMap<AppContext, Federation<AppContext>>();

export function federationFor(ctx: AppContext): Federation<AppContext> {
  let federation = federations.get(ctx);
  if (federation === undefined) {
    federation = createFederation(ctx);
    federations.set(ctx, federation);
  }
  return federation;
}

/** A Fedify context outside any request, at our canonical origin. */
export function fedifyContext(ctx: AppContext): Context<AppContext> {
  return federationFor(ctx).createContext(new URL(ctx.config.baseUrl), ctx);
}
