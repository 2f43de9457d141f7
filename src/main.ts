// Process entry: `node src/main.ts <command>` (what `npm start` and the `hearth` bin run).
import module from "node:module";

// Node keeps compiled (type-stripped) modules on disk between runs: start-up loads ~3x faster.
module.enableCompileCache?.();

const { runCli } = await import("./cli/index.ts");
process.exitCode = await runCli(process.argv.slice(2));
