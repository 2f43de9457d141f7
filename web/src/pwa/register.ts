// Imported once by main.tsx: this browser's own preferences (reduce motion) applied before the
// first render, and the service worker (push notifications, installing the app) registered
// after the page has loaded, so it never competes with the first render.
import { applyReduceMotion } from "../reduce-motion.ts";
import { registerServiceWorker } from "./push.ts";

applyReduceMotion();
if (document.readyState === "complete") void registerServiceWorker();
else window.addEventListener("load", () => void registerServiceWorker(), { once: true });
