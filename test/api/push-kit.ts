// Shared by the Web Push suites: a browser's subscription keys, a loopback push service that
// records what it is sent, and decryption written from the RFCs (not with the library that
// encrypts), so a test proves the browser could read the message.
import assert from "node:assert/strict";
import {
  createDecipheriv,
  createECDH,
  createPublicKey,
  hkdfSync,
  randomBytes,
  verify,
} from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface BrowserKeys {
  /** The subscription's keys, as a browser's PushSubscription.toJSON() gives them. */
  p256dh: string;
  auth: string;
  decryptor: { privateKey: Buffer; publicKey: Buffer; auth: Buffer };
}

export function browserKeys(): BrowserKeys {
  const ecdh = createECDH("prime256v1");
  const publicKey = ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    p256dh: publicKey.toString("base64url"),
    auth: auth.toString("base64url"),
    decryptor: { privateKey: ecdh.getPrivateKey(), publicKey, auth },
  };
}

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PushService {
  url: string;
  received: Received[];
  /** The status the next requests are answered with (default 201). */
  answer: number;
  close(): Promise<void>;
}

export async function startPushService(): Promise<PushService> {
  const service: PushService = {
    url: "",
    received: [],
    answer: 201,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        headers[name] = Array.isArray(value) ? value.join(", ") : String(value);
      service.received.push({ path: req.url ?? "", headers, body: Buffer.concat(chunks) });
      res.writeHead(service.answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  service.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return service;
}

const hkdf = (salt: Buffer, ikm: Buffer, info: Buffer, length: number) =>
  Buffer.from(hkdfSync("sha256", ikm, salt, info, length));

function gcmOpen(key: Buffer, nonce: Buffer, record: Buffer): Buffer {
  const decipher = createDecipheriv("aes-128-gcm", key, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  return Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
}

/** RFC 8291 / RFC 8188 aes128gcm, one record. */
export function decryptAes128gcm(keys: BrowserKeys, body: Buffer): string {
  const salt = body.subarray(0, 16);
  const idLength = body[20] as number;
  const serverKey = body.subarray(21, 21 + idLength);
  const record = body.subarray(21 + idLength);
  const secret = createECDH("prime256v1");
  secret.setPrivateKey(keys.decryptor.privateKey);
  const shared = secret.computeSecret(serverKey);
  const keyInfo = Buffer.concat([
    Buffer.from("WebPush: info\0"),
    keys.decryptor.publicKey,
    serverKey,
  ]);
  const ikm = hkdf(keys.decryptor.auth, shared, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from("Content-Encoding: aes128gcm\0"), 16);
  const nonce = hkdf(salt, ikm, Buffer.from("Content-Encoding: nonce\0"), 12);
  const plain = gcmOpen(cek, nonce, record);
  // The last record ends with 0x02 and zero padding.
  let end = plain.length - 1;
  while (end >= 0 && plain[end] === 0) end--;
  assert.equal(plain[end], 2, "the last record's delimiter");
  return plain.subarray(0, end).toString("utf8");
}

function headerParam(header: string | undefined, name: string): Buffer {
  const match = new RegExp(`(?:^|[;,\\s])${name}=([A-Za-z0-9_-]+)`).exec(header ?? "");
  assert.ok(match, `${name}= in ${header}`);
  return Buffer.from(match[1] as string, "base64url");
}

/** The aesgcm draft (draft-ietf-webpush-encryption-04), keys in the Encryption and Crypto-Key headers. */
export function decryptAesgcm(keys: BrowserKeys, received: Received): string {
  const salt = headerParam(received.headers.encryption, "salt");
  const serverKey = headerParam(received.headers["crypto-key"], "dh");
  const secret = createECDH("prime256v1");
  secret.setPrivateKey(keys.decryptor.privateKey);
  const shared = secret.computeSecret(serverKey);
  const ikm = hkdf(keys.decryptor.auth, shared, Buffer.from("Content-Encoding: auth\0"), 32);
  const length = (key: Buffer) => Buffer.from([0, key.length]);
  const context = Buffer.concat([
    Buffer.from("P-256\0"),
    length(keys.decryptor.publicKey),
    keys.decryptor.publicKey,
    length(serverKey),
    serverKey,
  ]);
  const cek = hkdf(
    salt,
    ikm,
    Buffer.concat([Buffer.from("Content-Encoding: aesgcm\0"), context]),
    16,
  );
  const nonce = hkdf(
    salt,
    ikm,
    Buffer.concat([Buffer.from("Content-Encoding: nonce\0"), context]),
    12,
  );
  const plain = gcmOpen(cek, nonce, received.body);
  const padding = plain.readUInt16BE(0);
  return plain.subarray(2 + padding).toString("utf8");
}

/** Checks an ES256 VAPID JWT against our public key; returns its claims. */
export function verifyVapidJwt(jwt: string, publicKey: string): Record<string, unknown> {
  const [header, claims, signature] = jwt.split(".") as [string, string, string];
  const point = Buffer.from(publicKey, "base64url");
  const key = createPublicKey({
    key: {
      kty: "EC",
      crv: "P-256",
      x: point.subarray(1, 33).toString("base64url"),
      y: point.subarray(33, 65).toString("base64url"),
    },
    format: "jwk",
  });
  const valid = verify(
    "sha256",
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: "ieee-p1363" },
    Buffer.from(signature, "base64url"),
  );
  assert.ok(valid, "the VAPID signature verifies with the server key");
  assert.equal(JSON.parse(Buffer.from(header, "base64url").toString()).alg, "ES256");
  return JSON.parse(Buffer.from(claims, "base64url").toString());
}
