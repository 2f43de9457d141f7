// Secrets generated on first start and kept in the data dir, so `npm start` needs no setup.
// Later issues add their keys here (VAPID); existing files gain the new keys on next start.
import { createECDH, randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../config.ts";

export interface Secrets {
  /** Signs session cookies and CSRF tokens. 64 random bytes, hex. */
  readonly secretKeyBase: string;
  /**
   * The VAPID key pair of Web Push (RFC 8292): P-256, base64url without padding, the public
   * key uncompressed (65 bytes), the private key its 32-byte scalar. Always present in a
   * loaded secrets file; optional only for contexts built by hand (tests without push).
   */
  readonly vapidPublicKey?: string;
  readonly vapidPrivateKey?: string;
}

/** A fresh VAPID key pair. */
export function generateVapidKeys(): { vapidPublicKey: string; vapidPrivateKey: string } {
  const ecdh = createECDH("prime256v1");
  ecdh.generateKeys();
  return {
    vapidPublicKey: ecdh.getPublicKey().toString("base64url"),
    // A scalar with leading zero bytes comes out shorter: pad it to 32 bytes.
    vapidPrivateKey: Buffer.from(
      ecdh.getPrivateKey().toString("hex").padStart(64, "0"),
      "hex",
    ).toString("base64url"),
  };
}

function generate(): Secrets {
  return { secretKeyBase: randomBytes(64).toString("hex"), ...generateVapidKeys() };
}

export function loadOrCreateSecrets(dataDir: string): Secrets {
  const file = path.join(dataDir, "secrets.json");
  let stored: Partial<Secrets> = {};
  let text: string | undefined;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") {
      throw new ConfigError("HEARTH_DATA_DIR", `cannot read ${file}: ${(error as Error).message}`);
    }
  }
  if (text !== undefined) {
    try {
      stored = JSON.parse(text);
    } catch {
      throw new ConfigError("HEARTH_DATA_DIR", `${file} is not valid JSON; fix or remove it`);
    }
    if (typeof stored !== "object" || stored === null) {
      throw new ConfigError("HEARTH_DATA_DIR", `${file} must hold a JSON object`);
    }
  }
  const secrets = { ...generate(), ...stored };
  if (typeof secrets.secretKeyBase !== "string" || secrets.secretKeyBase.length < 64) {
    throw new ConfigError(
      "HEARTH_DATA_DIR",
      `${file}: secretKeyBase must be a string of 64+ characters`,
    );
  }
  // A half-kept pair would sign with a key that does not match the one clients hold.
  if ("vapidPublicKey" in stored !== "vapidPrivateKey" in stored) {
    throw new ConfigError("HEARTH_DATA_DIR", `${file}: keep both VAPID keys or neither`);
  }
  if (
    Buffer.from(String(secrets.vapidPublicKey), "base64url").length !== 65 ||
    Buffer.from(String(secrets.vapidPrivateKey), "base64url").length !== 32
  ) {
    throw new ConfigError("HEARTH_DATA_DIR", `${file}: the VAPID keys are not a P-256 key pair`);
  }
  if (text === undefined || Object.keys(stored).length !== Object.keys(secrets).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.freeze(secrets);
}
