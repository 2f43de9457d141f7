// A small router on the History API: routes.ts lists path patterns (`/tags/:tag`,
// `/@:acct/:id`, `*` for the rest of the path); <Link> and navigate() change the URL without
// reloading. Screens get `params` (decoded) and `query`.
import type { AnchorHTMLAttributes, ComponentChildren, ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

export interface RouteProps {
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface Route {
  /** Pattern: literal text, `:name` for one path segment (or the rest of one), `*` for the rest. */
  path: string;
  component: ComponentType<RouteProps>;
}

interface Compiled {
  route: Route;
  regex: RegExp;
  names: string[];
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const source = route.path
    .split(/(:\w+|\*)/)
    .map((part) => {
      if (part === "*") {
        names.push("rest");
        return "(.*)";
      }
      if (part.startsWith(":")) {
        names.push(part.slice(1));
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { route, regex: new RegExp(`^${source}/?$`), names };
}

export function matcher(routes: Route[]) {
  const compiled = routes.map(compile);
  return (path: string): { route: Route; params: Record<string, string> } | null => {
    for (const { route, regex, names } of compiled) {
      const match = regex.exec(path);
      if (match === null) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(match[i + 1] ?? "");
      });
      return { route, params };
    }
    return null;
  };
}

const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

window.addEventListener("popstate", notify);

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, location.href);
  if (url.origin !== location.origin) {
    location.href = url.href;
    return;
  }
  if (options.replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  window.scrollTo(0, 0);
  notify();
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

function current(): Location {
  return { path: location.pathname, query: new URLSearchParams(location.search) };
}

/** The current location; re-renders the caller when it changes. */
export function useLocation(): Location {
  const [value, setValue] = useState(current);
  useEffect(() => {
    const listener = () => setValue(current());
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, []);
  return value;
}

/** True for a plain left click that the app may handle itself (not a new tab or window). */
export function isPlainClick(event: MouseEvent): boolean {
  return (
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey &&
    !event.defaultPrevented
  );
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & {
  href: string;
  children?: ComponentChildren;
};

export function Link({ href, onClick, ...rest }: LinkProps) {
  return (
    <a
      href={href}
      onClick={(event) => {
        if (typeof onClick === "function") onClick(event);
        if (!isPlainClick(event)) return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}
