// Entry point: styles, theme, then the app into #app.
import { render } from "preact";
import { App } from "./app.tsx";
import { applyTheme } from "./theme.ts";
import "./pwa/register.ts";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/status.css";
import "./styles/compose.css";

applyTheme();
render(<App />, document.getElementById("app")!);
