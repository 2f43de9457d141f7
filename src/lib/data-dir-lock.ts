// One server process per data dir when the database is the embedded SQLite file: a second
// `npm start` on the same dir would fight over the database and the port, so it stops at once.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class DataDirInUseError extends Error {
  override name = "DataDirInUseError";
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the lock or throws DataDirInUseError; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "hearth.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
      if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) {
        throw new DataDirInUseError(
          `HEARTH_DATA_DIR: ${dataDir} is in use by another Hearth process (pid ${pid}); stop it or choose another data dir`,
        );
      }
      // A lock left by a process that died: take it over.
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`HEARTH_DATA_DIR: cannot lock ${dataDir}`);
}
