// Encrypts small secrets we must be able to read back (TOTP seeds) with AES-256-GCM, under a
// key derived from the server's secretKeyBase for one purpose. A stolen database alone does
// not reveal them; the data dir's secrets.json is needed too.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";

function key(secretKeyBase: string, purpose: string): Buffer {
  return Buffer.from(
    hkdfSync(
      "sha256",
      Buffer.from(secretKeyBase, "utf8"),
      Buffer.alloc(0),
      `hearth ${purpose}`,
      32,
    ),
  );
}

export function sealSecret(secretKeyBase: string, purpose: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secretKeyBase, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    body.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** The plaintext, or null when the box was not sealed by us for this purpose (or was altered). */
export function openSecret(secretKeyBase: string, purpose: string, sealed: string): string | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || iv === undefined || body === undefined || tag === undefined)
    return null;
  try {
    const decipher = createDecipheriv(
      "aes-256-gcm",
      key(secretKeyBase, purpose),
      Buffer.from(iv, "base64url"),
    );
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([
      decipher.update(Buffer.from(body, "base64url")),
      decipher.final(),
    ]).toString("utf8");
  } catch {
    return null;
  }
}
