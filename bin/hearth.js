#!/usr/bin/env node
// The `hearth` command. Hearth is TypeScript run directly by Node (type stripping); Node 22.18+
// and 24 do that by default, older 22.x need the flag, so re-run with it when it is missing.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
if (process.features.typescript) {
  await import(main);
} else {
  const result = spawnSync(
    process.execPath,
    [
      "--experimental-strip-types",
      "--no-warnings=ExperimentalWarning",
      main,
      ...process.argv.slice(2),
    ],
    { stdio: "inherit" },
  );
  process.exit(result.status ?? 1);
}
