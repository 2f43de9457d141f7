// Logging through LogTape (which Fedify uses too), configured once per process.
import { configure, getConsoleSink, getLogger, type Logger, reset } from "@logtape/logtape";
import type { LogLevel } from "./config.ts";

let configured = false;

export async function configureLogging(level: LogLevel): Promise<void> {
  if (configured) await reset();
  configured = true;
  await configure({
    sinks: { console: getConsoleSink() },
    loggers: [
      { category: ["hearth"], lowestLevel: level, sinks: ["console"] },
      {
        category: ["fedify"],
        lowestLevel: level === "trace" || level === "debug" ? level : "warning",
        sinks: ["console"],
      },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
}

/** A logger under the `hearth` category, e.g. log("api") → ["hearth", "api"]. */
export function log(...category: string[]): Logger {
  return getLogger(["hearth", ...category]);
}
