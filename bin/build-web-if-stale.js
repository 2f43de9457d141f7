#!/usr/bin/env node
// `npm start`'s prestart: builds the web app (web/ → web/dist) when it was never built or its
// sources changed since, so `npm install && npm start` always serves the current app. `npm
// install` builds it too (postinstall); this covers a checkout updated without reinstalling.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const web = fileURLToPath(new URL("../web/", import.meta.url));
const built = `${web}dist/index.html`;

/** Newest modification time under a path (files and folders, recursively). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = info.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(`${path}/${entry}`));
  return latest;
}

const sources = Math.max(
  newest(`${web}src`),
  newest(`${web}index.html`),
  newest(`${web}vite.config.ts`),
  newest(`${web}package.json`),
);
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;

if (builtAt < sources) {
  console.log(builtAt === 0 ? "Building the web app…" : "The web app changed: rebuilding…");
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, "run", "build", "-w", "web"], { stdio: "inherit" })
    : spawnSync("npm run build -w web", { stdio: "inherit", shell: true });
  if (result.status !== 0) {
    // An old build still serves; without any build the server says so on `/`.
    console.error("Building the web app failed; see the messages above.");
    if (builtAt === 0) process.exit(result.status ?? 1);
  }
}
