// Simulated remote servers for the delivery benchmark: one node:http server per loopback
// address 127.0.0.2, 127.0.0.3… then 127.0.1.x… (the whole 127/8 is loopback on Linux, so each is a distinct
// host, as distinct peers are), each answering every POST with 202 and counting it. Nothing
// is verified: the receiving side's cost is not what S4 measures.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface Sinks {
  /** Base URL of each simulated server. */
  bases: string[];
  /** POSTs received so far, in total. */
  received(): number;
  /** Resolves once `count` POSTs in total have arrived. */
  until(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startSinks(count: number): Promise<Sinks> {
  if (count > 10_000) throw new Error("at most 10,000 sinks");
  let received = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const servers: Server[] = [];
  const bases: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const server = createServer((req, res) => {
        req.resume();
        req.on("end", () => {
          res.writeHead(202).end();
          if (req.method !== "POST") return;
          received++;
          for (const w of waiters.filter((w) => w.count <= received)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve();
          }
        });
      });
      // 250 addresses per /24: 127.0.0.2 … 127.0.0.251, 127.0.1.2 …
      const host = `127.0.${Math.floor(i / 250)}.${(i % 250) + 2}`;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, host, resolve);
      });
      servers.push(server);
      bases.push(`http://${host}:${(server.address() as AddressInfo).port}`);
    }
  } catch (error) {
    for (const s of servers) s.close();
    throw error;
  }
  return {
    bases,
    received: () => received,
    until: (n) =>
      n <= received
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count: n, resolve })),
    close: async () => {
      await Promise.all(
        servers.map((s) => {
          s.closeAllConnections();
          return new Promise<void>((resolve) => s.close(() => resolve()));
        }),
      );
    },
  };
}
