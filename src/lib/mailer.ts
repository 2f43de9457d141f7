// Outgoing mail through nodemailer. With no SMTP server configured (the embedded default) each
// message is rendered as RFC 822 and written to `<data dir>/mail/` as an .eml file, so a person
// running Hearth locally, and every test, can open the mail and follow its links.
//
// Delivery never fails the request that caused it: `deliver` logs a failure and returns false.
// Callers send after their transaction has committed, so a mail never announces something
// that was rolled back. (A job queue with retries comes with the jobs issue; until then a mail
// that fails to send is logged and lost, and the person can ask for it again.)
import { randomBytes } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { getLogger } from "@logtape/logtape";
import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpConfig } from "../config.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  /** "file" writes .eml files to `directory`; "smtp" sends through a mail server. */
  readonly kind: "file" | "smtp";
  /** Where the file transport writes (also set for smtp, unused there). */
  readonly directory: string;
  /** Sends one message; never throws. True when it was handed over (or written). */
  deliver(message: MailMessage): Promise<boolean>;
}

export interface MailerOptions {
  smtp: SmtpConfig | null;
  from: string;
  /** The .eml directory for the file transport. */
  directory: string;
  /** File names start with this time (the app clock, so tests are stable). */
  now?: () => Date;
}

// Lib code takes no dependency on src/logger.ts; the category is the same one log("mail") uses.
const logger = getLogger(["hearth", "mail"]);

// A slow or silent mail server must not hold a request for long (nodemailer waits minutes).
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

function smtpTransport(smtp: SmtpConfig): Transporter {
  // Settings in the URL (`?requireTLS=true`) win over these defaults.
  if ("url" in smtp) return nodemailer.createTransport({ url: smtp.url, ...SMTP_TIMEOUTS });
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user === null ? {} : { auth: { user: smtp.user, pass: smtp.password ?? "" } }),
    ...SMTP_TIMEOUTS,
  });
}

let sequence = 0;

/** `20260101T120000.000Z-000001-1a2b3c.eml`: sorts by time, then by order within a process. */
export function emlFileName(at: Date): string {
  sequence = (sequence + 1) % 1_000_000;
  const time = at.toISOString().replace(/[-:]/g, "");
  return `${time}-${String(sequence).padStart(6, "0")}-${randomBytes(3).toString("hex")}.eml`;
}

export function createMailer(options: MailerOptions): Mailer {
  const now = options.now ?? (() => new Date());
  const kind = options.smtp === null ? "file" : "smtp";
  const transport =
    options.smtp === null
      ? nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" })
      : smtpTransport(options.smtp);

  async function send(message: MailMessage): Promise<string> {
    const info = await transport.sendMail({ from: options.from, ...message });
    if (kind === "smtp") return String(info.messageId);
    await mkdir(options.directory, { recursive: true, mode: 0o700 });
    const file = path.join(options.directory, emlFileName(now()));
    // Mails carry confirmation and reset links: readable by the server's user only.
    await writeFile(file, info.message as Buffer, { mode: 0o600 });
    return file;
  }

  return {
    kind,
    directory: options.directory,
    async deliver(message) {
      try {
        const where = await send(message);
        logger.info("Mail {subject} to {to}: {where}", {
          subject: message.subject,
          to: message.to,
          where,
        });
        return true;
      } catch (error) {
        logger.error("Mail {subject} to {to} could not be sent: {error}", {
          subject: message.subject,
          to: message.to,
          error,
        });
        return false;
      }
    },
  };
}
