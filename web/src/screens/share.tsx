// The installed app's share target (manifest.json `share_target`, GET /share?title&text&url):
// what was shared opens in the composer over the home timeline.
import { useEffect } from "preact/hooks";
import { openCompose } from "../compose-state.ts";
import { navigate, type RouteProps } from "../router.tsx";

export function ShareScreen({ query }: RouteProps) {
  useEffect(() => {
    const text = ["title", "text", "url"]
      .map((name) => query.get(name)?.trim() ?? "")
      .filter((part, index, parts) => part !== "" && parts.indexOf(part) === index)
      .join("\n\n");
    navigate("/home", { replace: true });
    openCompose({ text });
  }, []);
  return null;
}
