// Secrets generated on first start and kept in the data dir, so `npm start` needs no setup.
// Later issues add their keys here (VAPID); existing files gain the new keys on next start.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "../config.ts";

export interface Secrets {
  /** Signs session cookies and CSRF tokens. 64 random bytes, hex. */
  readonly secretKeyBase: string;
}

function generate(): Secrets {
  return { secretKeyBase: randomBytes(64).toString("hex") };
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
  if (text === undefined || Object.keys(stored).length !== Object.keys(secrets).length) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return Object.freeze(secrets);
}
