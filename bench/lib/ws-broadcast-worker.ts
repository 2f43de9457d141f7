// S5's baseline server: a bare `ws` server in its own process (so its memory growth per
// connection is its own), sending one frame to every client when the harness says so (IPC):
//   {cmd:"listen"} → {port};  {cmd:"memory"} → {live} (heap.ts);
//   {cmd:"publish", template} → {sent}: the template's `t0=%T0%` replaced by the publish time,
//   in the format Hearth's posts carry;  {cmd:"close"} → exit.
import { performance } from "node:perf_hooks";
import { WebSocketServer } from "ws";
import { liveBytes } from "./heap.ts";

type Command =
  | { cmd: "listen" }
  | { cmd: "memory" }
  | { cmd: "publish"; template: string }
  | { cmd: "close" };

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
const listening = new Promise<void>((resolve) => wss.once("listening", () => resolve()));

process.on("message", async (message: Command) => {
  const reply = (value: unknown) => process.send?.(value);
  switch (message.cmd) {
    case "listen":
      await listening;
      return reply({ port: (wss.address() as { port: number }).port });
    case "memory":
      return reply({ live: liveBytes() });
    case "publish": {
      const t0 = `t0=${(performance.timeOrigin + performance.now()).toFixed(3)}`;
      const data = Buffer.from(message.template.replace("t0=%T0%", t0));
      for (const client of wss.clients) client.send(data, { binary: false });
      return reply({ sent: wss.clients.size });
    }
    case "close":
      for (const client of wss.clients) client.terminate();
      wss.close(() => {
        reply({ ok: true });
        process.exit(0);
      });
  }
});
process.on("disconnect", () => process.exit(0));
