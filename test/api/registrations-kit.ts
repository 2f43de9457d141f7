// Helpers for the sign-up tests: request bodies, client addresses that never hit the sign-up
// rate limit by accident, and reading the mails the server wrote to <data dir>/mail.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Rig } from "../rig/index.ts";

export const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

let ipCounter = 0;
/** A fresh public client address per sign-up (5 per address and 30 minutes are allowed). */
export function nextIp(): string {
  ipCounter++;
  return `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export function signUpBody(username: string): Record<string, unknown> {
  return {
    username,
    email: `${username}@example.org`,
    password: "correct horse battery",
    agreement: true,
    locale: "en",
  };
}

export interface Mail {
  file: string;
  to: string;
  subject: string;
  /** The body with its transfer encoding undone. */
  text: string;
  /** The confirmation link found in the body, and its token. */
  link: string;
  token: string;
}

/** `<time>-<sequence>-<random>.eml` → sequence. */
const sequenceOf = (name: string) => Number(name.split("-")[1]);

function mailFiles(rig: Rig): string[] {
  const dir = path.join(rig.dataDir, "mail");
  return existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".eml"))
        // By the in-process sequence number, not the time: tests move the clock back and forth.
        .sort((a, b) => sequenceOf(a) - sequenceOf(b))
        .map((f) => path.join(dir, f))
    : [];
}

export const mailCount = (rig: Rig) => mailFiles(rig).length;

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

export function readMail(file: string): Mail {
  const raw = readFileSync(file, "utf8");
  const split = raw.indexOf("\n\n");
  const head = raw.slice(0, split).replace(/\n[ \t]+/g, " ");
  const body = raw.slice(split + 2);
  const header = (name: string) =>
    new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text =
    encoding === "quoted-printable"
      ? decodeQuotedPrintable(body)
      : encoding === "base64"
        ? Buffer.from(body, "base64").toString("utf8")
        : body;
  const match = /(https?:\/\/\S+\/auth\/confirmation\?confirmation_token=([\w-]+))/.exec(text);
  return {
    file,
    to: header("To"),
    subject: header("Subject"),
    text,
    link: match?.[1] ?? "",
    token: match?.[2] ?? "",
  };
}

/** The newest mail; fails when there is none. */
export function lastMail(rig: Rig): Mail {
  const files = mailFiles(rig);
  const file = files[files.length - 1];
  if (file === undefined) throw new Error("no mail was written");
  return readMail(file);
}

/** The confirmation link as a path the rig can request (its host is the rig's domain). */
export function confirmationPath(rig: Rig, mail: Mail): string {
  if (!mail.link.startsWith(rig.config.baseUrl)) throw new Error(`unexpected link ${mail.link}`);
  const url = new URL(mail.link);
  return `${url.pathname}${url.search}`;
}
