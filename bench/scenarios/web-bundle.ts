// The web app's first load: the JavaScript a browser must fetch before the app runs (the entry
// script of web/dist/index.html and the modules it preloads or imports statically), compressed
// as a server or proxy sends it, against the issue's budget of 200 KB. The app is built from
// the current sources into a temp dir; the baseline is the Preact runtime alone (preact +
// preact/hooks, the floor any Preact app pays). Lazily loaded chunks are listed, not counted.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { makeTempDir, removeTempDir, repoRoot, spawnTracked } from "../lib/proc.ts";
import { round } from "../lib/stats.ts";
import type { Scenario, ScenarioContext, ScenarioResult } from "../lib/types.ts";

const BUDGET_BYTES = 200 * 1024;

interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export function sizes(body: Buffer): Sizes {
  return {
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    brotli: brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
    }).length,
  };
}

function add(a: Sizes, b: Sizes): Sizes {
  return { raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli };
}

const ZERO: Sizes = { raw: 0, gzip: 0, brotli: 0 };

/** The scripts a first load fetches: the entry, its modulepreloads, and their static imports. */
export function firstLoadScripts(dist: string): string[] {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const queue = [
    ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g),
  ].map((m) => m[1]!);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(path.join(dist, file), "utf8");
    // Static imports between chunks (`import{…}from"./x.js"`); dynamic import() stays lazy.
    for (const m of source.matchAll(
      /(?:^|[;\n}])\s*import\s*(?:[\w{},*\s$]+from\s*)?["']\.\/([^"']+)["']/g,
    )) {
      queue.push(path.posix.join(path.posix.dirname(file), m[1]!));
    }
  }
  return [...seen];
}

function build(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const vite = path.join(repoRoot, "node_modules", "vite", "bin", "vite.js");
    const child = spawnTracked(
      process.execPath,
      [vite, "build", "--outDir", outDir, "--emptyOutDir", "--logLevel", "warn"],
      { cwd: path.join(repoRoot, "web"), stdio: ["ignore", "inherit", "inherit"] },
    );
    child.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`)),
    );
    child.once("error", reject);
  });
}

const kb = (bytes: number) => round(bytes / 1024, 1);

async function run(ctx: ScenarioContext): Promise<ScenarioResult> {
  const outDir = makeTempDir("web-bundle");
  try {
    ctx.log("building the web app from web/src");
    await build(outDir);
    const first = firstLoadScripts(outDir);
    const perFile = first.map((file) => ({
      file,
      ...sizes(readFileSync(path.join(outDir, file))),
    }));
    const total = perFile.reduce<Sizes>((sum, f) => add(sum, f), ZERO);
    const assets = readdirSync(path.join(outDir, "assets"));
    const lazy = assets
      .filter((f) => f.endsWith(".js") && !first.includes(`assets/${f}`))
      .map((f) => ({
        file: `assets/${f}`,
        ...sizes(readFileSync(path.join(outDir, "assets", f))),
      }));
    const css = assets
      .filter((f) => f.endsWith(".css"))
      .map((f) => ({
        file: `assets/${f}`,
        ...sizes(readFileSync(path.join(outDir, "assets", f))),
      }));

    const preact = (file: string) =>
      readFileSync(path.join(repoRoot, "node_modules", "preact", file));
    const baseline = sizes(
      Buffer.concat([preact("dist/preact.mjs"), preact("hooks/dist/hooks.mjs")]),
    );
    ctx.log(`first load: ${kb(total.gzip)} KB gzip, ${kb(total.brotli)} KB brotli`);

    const headline = (label: string, key: "gzip" | "brotli") => ({
      label: `first-load JS, ${label}`,
      value: kb(total[key]),
      unit: "KB",
      baseline: kb(baseline[key]),
      ratio: round(total[key] / baseline[key], 2),
      target: "≤ 200 KB",
      met: total[key] <= BUDGET_BYTES,
    });
    const row = (f: Sizes & { file: string }) =>
      `| ${f.file} | ${kb(f.raw)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`;
    const markdown = [
      "The app built from the current `web/src` (Vite production build). First load = the entry script of `index.html`, its modulepreloads and their static imports; sizes in KB (1024 bytes), gzip level 9 and brotli quality 11 as a server or proxy would send them.",
      "",
      "| File | raw | gzip | brotli |",
      "|---|---|---|---|",
      ...perFile.map(row),
      `| **first load** | **${kb(total.raw)}** | **${kb(total.gzip)}** | **${kb(total.brotli)}** |`,
      `| baseline: preact + preact/hooks | ${kb(baseline.raw)} | ${kb(baseline.gzip)} | ${kb(baseline.brotli)} |`,
      "",
      lazy.length === 0
        ? "No lazily loaded chunks."
        : `Loaded later (not counted): ${lazy.map((f) => `${f.file} ${kb(f.gzip)} KB gzip`).join(", ")}.`,
      css.length === 0
        ? ""
        : `Stylesheets: ${css.map((f) => `${f.file} ${kb(f.gzip)} KB gzip`).join(", ")}.`,
      "",
      "Budget (issue 7): the first load under 200 KB of compressed JavaScript.",
    ].join("\n");
    return {
      ok: perFile.length > 0,
      problems: perFile.length > 0 ? [] : ["no entry script found in index.html"],
      parameters: {
        build: "vite build (web/vite.config.ts) into a temp dir",
        gzipLevel: 9,
        brotliQuality: 11,
        budgetBytes: BUDGET_BYTES,
        baseline: "preact/dist/preact.mjs + preact/hooks/dist/hooks.mjs",
      },
      samples: { firstLoad: perFile, lazy, css, baseline },
      summary: { firstLoad: total, baseline },
      headlines: [headline("gzip", "gzip"), headline("brotli", "brotli")],
      markdown,
    };
  } finally {
    removeTempDir(outDir);
  }
}

export const scenario: Scenario = {
  name: "web-bundle",
  title: "Web app first-load size",
  description:
    "Compressed size (gzip, brotli) of the JavaScript the web app's first load fetches, against the 200 KB budget and the Preact runtime alone.",
  run,
};
