// Process entry: `node src/main.ts <command>` (what `npm start` and the `hearth` bin run).
import { runCli } from "./cli/index.ts";

const code = await runCli(process.argv.slice(2));
process.exitCode = code;
