// The mailer: .eml files when no SMTP server is configured, SMTP otherwise, and never an
// exception for the caller (a failed mail is logged, the request goes on).
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, describe, test } from "node:test";
import { createMailer } from "../../src/lib/mailer.ts";

const dirs: string[] = [];
after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "hearth-mail-"));
  dirs.push(dir);
  return path.join(dir, "mail");
}

const message = {
  to: "alice@example.org",
  subject: "Confirm your address",
  text: `Open https://hearth.test/auth/confirmation?confirmation_token=${"a".repeat(43)} to confirm.`,
};

/** A just-enough SMTP server that records what it receives. */
function fakeSmtp(): Promise<{ server: Server; port: number; received: string[] }> {
  const received: string[] = [];
  const server = createServer((socket) => {
    let inData = false;
    let data = "";
    socket.write("220 fake ESMTP\r\n");
    socket.on("data", (chunk) => {
      for (const line of chunk.toString().split("\r\n")) {
        if (inData) {
          if (line === ".") {
            inData = false;
            received.push(data);
            socket.write("250 queued\r\n");
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 fake\r\n");
        else if (verb === "MAIL" || verb === "RCPT") socket.write("250 ok\r\n");
        else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") socket.end("221 bye\r\n");
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === "object" && address ? address.port : 0,
        received,
      });
    }),
  );
}

describe("mailer", () => {
  test("without SMTP every mail becomes an .eml file, private to the server's user", async () => {
    const directory = tempDir();
    const mailer = createMailer({
      smtp: null,
      from: "Hearth <notifications@hearth.test>",
      directory,
      now: () => new Date("2026-01-01T12:00:00.000Z"),
    });
    assert.equal(mailer.kind, "file");
    assert.equal(await mailer.deliver(message), true);
    assert.equal(await mailer.deliver({ ...message, subject: "Second" }), true);
    const files = readdirSync(directory).sort();
    assert.equal(files.length, 2);
    assert.match(files[0] as string, /^20260101T120000\.000Z-\d{6}-[0-9a-f]{6}\.eml$/);
    const first = readFileSync(path.join(directory, files[0] as string), "utf8");
    assert.match(first, /^From: Hearth <notifications@hearth\.test>$/m);
    assert.match(first, /^To: alice@example\.org$/m);
    assert.match(first, /^Subject: Confirm your address$/m);
    assert.match(first, /^Message-ID: </m);
    assert.match(readFileSync(path.join(directory, files[1] as string), "utf8"), /Subject: Second/);
    assert.equal(statSync(path.join(directory, files[0] as string)).mode & 0o777, 0o600);
  });

  test("with SMTP the mail goes to the server", async () => {
    const smtp = await fakeSmtp();
    try {
      const mailer = createMailer({
        smtp: { host: "127.0.0.1", port: smtp.port, secure: false, user: null, password: null },
        from: "notifications@hearth.test",
        directory: tempDir(),
      });
      assert.equal(mailer.kind, "smtp");
      assert.equal(await mailer.deliver(message), true);
      assert.equal(smtp.received.length, 1);
      assert.match(smtp.received[0] as string, /Subject: Confirm your address/);
    } finally {
      smtp.server.close();
    }
  });

  test("SMTP_URL works the same way", async () => {
    const smtp = await fakeSmtp();
    try {
      const mailer = createMailer({
        smtp: { url: `smtp://127.0.0.1:${smtp.port}` },
        from: "notifications@hearth.test",
        directory: tempDir(),
      });
      assert.equal(await mailer.deliver(message), true);
      assert.equal(smtp.received.length, 1);
    } finally {
      smtp.server.close();
    }
  });

  test("a mail server that cannot be reached makes deliver return false, not throw", async () => {
    const closed = await fakeSmtp();
    const port = closed.port;
    await new Promise<void>((resolve) => closed.server.close(() => resolve()));
    const mailer = createMailer({
      smtp: { host: "127.0.0.1", port, secure: false, user: null, password: null },
      from: "notifications@hearth.test",
      directory: tempDir(),
    });
    assert.equal(await mailer.deliver(message), false);
  });

  test("a directory that cannot be written makes deliver return false, not throw", async () => {
    const mailer = createMailer({ smtp: null, from: "n@hearth.test", directory: "/dev/null/mail" });
    assert.equal(await mailer.deliver(message), false);
  });
});
