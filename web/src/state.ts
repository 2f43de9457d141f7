// What the server put in the page: `<script type="application/json" id="initial-state">`
// (src/pages/web-app.ts). JSON, not script, so the page's CSP needs no inline script.

export interface InitialState {
  /** The instance's domain, for display and the streaming URL. */
  domain: string;
  /** An OAuth token of the built-in "Web" application, bound to this browser's session. */
  access_token: string;
  /** The signed-in account's id. */
  me: string;
}

function read(): InitialState | null {
  const element = document.getElementById("initial-state");
  if (element?.textContent == null) return null;
  try {
    return JSON.parse(element.textContent) as InitialState;
  } catch {
    return null;
  }
}

// (No document outside a browser: the unit tests import modules that read this.)
export const initialState: InitialState | null = typeof document === "undefined" ? null : read();
