// Live memory after a full garbage collection: the JS heap in use plus what V8 counts outside
// it (Buffers, the sockets' ArrayBuffers). Unlike RSS, it does not depend on how much room the
// heap kept from earlier work, so a process that already did work measures like a fresh one.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

export function liveBytes(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}
