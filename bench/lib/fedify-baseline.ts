// The framework floor for the federation scenarios (S3, S4): a minimal app on @fedify/fedify
// alone, with Fedify's in-memory key–value store and in-process queue (run in parallel, as
// many at once as Hearth's queue consumer), one actor with the key types Hearth's actors have
// (RSA-2048 and Ed25519). It does Fedify's part of the work (verify or serialize, sign,
// queue, POST) and nothing of ours (database, rules, jobs table).
import {
  createFederation,
  type Federation,
  generateCryptoKeyPair,
  InProcessMessageQueue,
  MemoryKvStore,
  ParallelMessageQueue,
} from "@fedify/fedify";
import { Create, Endpoints, Person } from "@fedify/vocab";

export interface BaselineApp {
  federation: Federation<void>;
  origin: URL;
  stop(): void;
}

export interface BaselineOptions {
  /** Messages run at once (default 16, as HEARTH_FEDERATION_CONCURRENCY). */
  concurrency?: number;
  /** Called for each incoming Create, after Fedify verified and queued it (S3). */
  onCreate?: () => void;
}

export async function startFedifyBaseline(
  origin: URL,
  options: BaselineOptions = {},
): Promise<BaselineApp> {
  const concurrency = options.concurrency ?? 16;
  const keys = [
    await generateCryptoKeyPair("RSASSA-PKCS1-v1_5"),
    await generateCryptoKeyPair("Ed25519"),
  ];
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    queue: new ParallelMessageQueue(new InProcessMessageQueue(), concurrency),
    manuallyStartQueue: true,
    allowPrivateAddress: true,
    origin: origin.href,
  });
  federation
    .setActorDispatcher("/users/{identifier}", async (ctx, identifier) => {
      const pairs = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: identifier,
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pairs[0]?.cryptographicKey,
        assertionMethods: pairs.map((p) => p.multikey),
      });
    })
    .setKeyPairsDispatcher(() => keys);
  federation
    .setInboxListeners("/users/{identifier}/inbox", "/inbox")
    .on(Create, () => options.onCreate?.());
  const controller = new AbortController();
  void federation.startQueue(undefined, { signal: controller.signal });
  return { federation, origin, stop: () => controller.abort() };
}
