import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ConfigError, parseConfig } from "../../src/config.ts";

const parse = (env: Record<string, string>) => parseConfig(env, "/srv/hearth");

function rejects(env: Record<string, string>, setting: string) {
  assert.throws(
    () => parse(env),
    (error: unknown) =>
      error instanceof ConfigError &&
      error.setting === setting &&
      error.message.startsWith(`${setting}:`),
  );
}

describe("config", () => {
  test("defaults need no settings at all", () => {
    const config = parse({});
    assert.equal(config.port, 3000);
    assert.equal(config.host, "127.0.0.1");
    assert.equal(config.domain, "localhost:3000");
    assert.equal(config.https, false);
    assert.equal(config.baseUrl, "http://localhost:3000");
    assert.equal(config.dataDir, "/srv/hearth/data");
    assert.deepEqual(config.database, { kind: "sqlite", path: "/srv/hearth/data/hearth.sqlite" });
    assert.equal(config.redisUrl, null);
    assert.equal(config.registrations, null);
    assert.equal(config.rateLimits, true);
    assert.ok(Object.isFrozen(config));
    assert.ok(Object.isFrozen(config.database));
  });

  test("the domain follows PORT, and a public domain means https", () => {
    assert.equal(parse({ PORT: "8080" }).domain, "localhost:8080");
    const pub = parse({ HEARTH_DOMAIN: "Social.Example" });
    assert.equal(pub.domain, "social.example");
    assert.equal(pub.https, true);
    assert.equal(pub.baseUrl, "https://social.example");
    assert.equal(parse({ HEARTH_DOMAIN: "127.0.0.2:4000" }).https, false);
    assert.equal(parse({ HEARTH_DOMAIN: "[::1]:4000" }).https, false);
    assert.equal(
      parse({ HEARTH_DOMAIN: "social.example", HEARTH_HTTPS: "false" }).baseUrl,
      "http://social.example",
    );
    assert.equal(
      parse({ HEARTH_DOMAIN: "localhost", HEARTH_HTTPS: "yes" }).baseUrl,
      "https://localhost",
    );
  });

  test("production listens on all interfaces unless HOST says otherwise", () => {
    assert.equal(parse({ NODE_ENV: "production" }).host, "0.0.0.0");
    assert.equal(parse({ NODE_ENV: "production", HOST: "::" }).host, "::");
  });

  test("DATABASE_URL picks PostgreSQL; a data dir moves the SQLite file", () => {
    assert.deepEqual(parse({ DATABASE_URL: "postgres://u@db:5432/hearth" }).database, {
      kind: "postgres",
      url: "postgres://u@db:5432/hearth",
    });
    assert.equal(parse({ DATABASE_URL: "postgresql://db/h" }).database.kind, "postgres");
    assert.deepEqual(parse({ HEARTH_DATA_DIR: "/var/lib/hearth" }).database, {
      kind: "sqlite",
      path: "/var/lib/hearth/hearth.sqlite",
    });
    assert.equal(parse({ REDIS_URL: "redis://127.0.0.1:6379" }).redisUrl, "redis://127.0.0.1:6379");
  });

  test("each bad setting is named in the error", () => {
    rejects({ PORT: "abc" }, "PORT");
    rejects({ PORT: "0" }, "PORT");
    rejects({ PORT: "70000" }, "PORT");
    rejects({ PORT: "80.5" }, "PORT");
    rejects({ HEARTH_DOMAIN: "https://social.example" }, "HEARTH_DOMAIN");
    rejects({ HEARTH_DOMAIN: "social.example/path" }, "HEARTH_DOMAIN");
    rejects({ HEARTH_DOMAIN: "user@social.example" }, "HEARTH_DOMAIN");
    rejects({ HEARTH_DOMAIN: "bad domain" }, "HEARTH_DOMAIN");
    rejects({ HEARTH_HTTPS: "maybe" }, "HEARTH_HTTPS");
    rejects({ DATABASE_URL: "mysql://db/hearth" }, "DATABASE_URL");
    rejects({ DATABASE_URL: "not a url" }, "DATABASE_URL");
    rejects({ REDIS_URL: "http://cache" }, "REDIS_URL");
    rejects({ NODE_ENV: "staging" }, "NODE_ENV");
    rejects({ HEARTH_LOG_LEVEL: "loud" }, "HEARTH_LOG_LEVEL");
    rejects({ HEARTH_REGISTRATIONS: "sometimes" }, "HEARTH_REGISTRATIONS");
    rejects({ HOST: "not a host!" }, "HOST");
    rejects({ HEARTH_RATE_LIMITS: "2" }, "HEARTH_RATE_LIMITS");
  });

  test("empty values count as unset", () => {
    assert.equal(parse({ PORT: "", HEARTH_DOMAIN: " " }).domain, "localhost:3000");
  });

  test("no SMTP settings: mail goes to files, from notifications@ the domain's host", () => {
    const config = parse({ HEARTH_DOMAIN: "social.example:8443" });
    assert.equal(config.smtp, null);
    assert.equal(config.mailFrom, "Hearth <notifications@social.example>");
  });

  test("SMTP_URL or SMTP_HOST with the usual settings", () => {
    assert.deepEqual(parse({ SMTP_URL: "smtps://u:p@mail.example" }).smtp, {
      url: "smtps://u:p@mail.example",
    });
    assert.deepEqual(
      parse({ SMTP_HOST: "mail.example", SMTP_USER: "hearth", SMTP_PASSWORD: " s3cret " }).smtp,
      { host: "mail.example", port: 587, secure: false, user: "hearth", password: " s3cret " },
    );
    const implicitTls = parse({ SMTP_HOST: "mail.example", SMTP_PORT: "465" }).smtp;
    assert.deepEqual(implicitTls, {
      host: "mail.example",
      port: 465,
      secure: true,
      user: null,
      password: null,
    });
    const secure = parse({ SMTP_HOST: "mail.example", SMTP_SECURE: "true" }).smtp;
    assert.ok(secure !== null && "port" in secure && secure.port === 465 && secure.secure);
    assert.ok(Object.isFrozen(implicitTls));
    assert.equal(
      parse({ SMTP_FROM: "Kitchen <hello@social.example>" }).mailFrom,
      "Kitchen <hello@social.example>",
    );
    assert.equal(parse({ SMTP_FROM: "hello@social.example" }).mailFrom, "hello@social.example");
  });

  test("each bad SMTP setting is named in the error", () => {
    rejects({ SMTP_URL: "not a url" }, "SMTP_URL");
    rejects({ SMTP_URL: "http://mail.example" }, "SMTP_URL");
    rejects({ SMTP_HOST: "mail example" }, "SMTP_HOST");
    rejects({ SMTP_HOST: "mail.example", SMTP_PORT: "smtp" }, "SMTP_PORT");
    rejects({ SMTP_HOST: "mail.example", SMTP_PORT: "0" }, "SMTP_PORT");
    rejects({ SMTP_HOST: "mail.example", SMTP_SECURE: "maybe" }, "SMTP_SECURE");
    rejects({ SMTP_HOST: "mail.example", SMTP_PASSWORD: "x" }, "SMTP_PASSWORD");
    rejects({ SMTP_USER: "hearth" }, "SMTP_USER");
    rejects({ SMTP_PORT: "25" }, "SMTP_PORT");
    rejects({ SMTP_FROM: "nobody" }, "SMTP_FROM");
    rejects({ SMTP_FROM: "a@b, c@d e" }, "SMTP_FROM");
  });
});
