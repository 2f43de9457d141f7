// The key pairs an actor signs with: RSA-2048 (HTTP signatures, what Mastodon verifies) and
// Ed25519 (FEP-8b32 object integrity proofs). Made on first use, then kept for good: peers
// cache public keys, so a key that changed behind their backs would break every signature.
// Private keys are stored sealed with the server secret (lib/secret-box.ts).
import type { AppContext } from "../../context.ts";
import { openSecret, sealSecret } from "../../lib/secret-box.ts";
import {
  type AccountKeyRow,
  findAccountKeys,
  insertAccountKeys,
} from "../../repos/account-keys.ts";

export type ActorKeyType = "rsa" | "ed25519";

export interface ActorKeyPairJwk {
  type: ActorKeyType;
  publicKey: JsonWebKey;
  privateKey: JsonWebKey;
  createdAt: string;
}

const KEY_TYPES: readonly ActorKeyType[] = ["rsa", "ed25519"];
const PURPOSE = "actor key";

const ALGORITHMS: Record<ActorKeyType, RsaHashedKeyGenParams | { name: "Ed25519" }> = {
  rsa: {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  },
  ed25519: { name: "Ed25519" },
};

async function generate(type: ActorKeyType): Promise<{ publicKey: string; privateKey: string }> {
  const pair = (await crypto.subtle.generateKey(ALGORITHMS[type], true, [
    "sign",
    "verify",
  ])) as CryptoKeyPair;
  return {
    publicKey: JSON.stringify(await crypto.subtle.exportKey("jwk", pair.publicKey)),
    privateKey: JSON.stringify(await crypto.subtle.exportKey("jwk", pair.privateKey)),
  };
}

function decode(ctx: AppContext, row: AccountKeyRow): ActorKeyPairJwk {
  const privateKey = openSecret(ctx.secrets.secretKeyBase, PURPOSE, row.private_key);
  // A key sealed under another secret cannot sign; failing loudly beats signing with nothing.
  if (privateKey === null) throw new Error(`actor key ${row.id} cannot be opened with this secret`);
  return {
    type: row.type,
    publicKey: JSON.parse(row.public_key),
    privateKey: JSON.parse(privateKey),
    createdAt: row.created_at,
  };
}

/**
 * The account's key pairs (null: the instance actor), RSA first, made now when missing. Two
 * requests racing on a new actor both generate; the first insert wins and both return it.
 */
export async function getActorKeys(
  ctx: AppContext,
  accountId: string | null,
): Promise<ActorKeyPairJwk[]> {
  let rows = await findAccountKeys(ctx.db, accountId);
  const missing = KEY_TYPES.filter((type) => !rows.some((r) => r.type === type));
  if (missing.length > 0) {
    const at = ctx.clock.now().toISOString();
    const made = await Promise.all(
      missing.map(async (type) => {
        const { publicKey, privateKey } = await generate(type);
        return {
          id: ctx.newId(),
          account_id: accountId,
          type,
          public_key: publicKey,
          private_key: sealSecret(ctx.secrets.secretKeyBase, PURPOSE, privateKey),
          created_at: at,
        };
      }),
    );
    await insertAccountKeys(ctx.db, made);
    rows = await findAccountKeys(ctx.db, accountId);
  }
  return KEY_TYPES.flatMap((type) => {
    const row = rows.find((r) => r.type === type);
    return row === undefined ? [] : [decode(ctx, row)];
  });
}
