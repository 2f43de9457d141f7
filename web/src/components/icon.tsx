// Inline SVG icons (24×24 outlines), decorative: the control next to them carries the label.
const PATHS = {
  home: "M3 11 12 3l9 8v10h-6v-6H9v6H3z",
  bell: "M6 17V11a6 6 0 1 1 12 0v6l2 2H4zm4 3h4",
  explore: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm3.5 5.5-2 5-5 2 2-5z",
  search: "M10.5 4a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM15.5 15.5 21 21",
  people:
    "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-6 10v-2a6 6 0 0 1 12 0v2M17 11a3 3 0 1 0 0-6m4 16v-2a5 5 0 0 0-3-4.6",
  globe:
    "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18",
  mail: "M3 6h18v12H3zm0 0 9 7 9-7",
  bookmark: "M6 3h12v18l-6-5-6 5z",
  star: "m12 3 2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.4l-5.5 2.9 1-6.2L3 9.7l6.2-.9z",
  list: "M8 6h13M8 12h13M8 18h13M3 6h1M3 12h1M3 18h1",
  hash: "M5 9h14M5 15h14M10 3 8 21M16 3l-2 18",
  cog: "M12 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6zm7.4 6a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z",
  pencil: "M4 20h4L19 9l-4-4L4 16zM14 6l4 4",
  reply: "M10 8V4L3 11l7 7v-4c5 0 8 1.5 11 5-1-6-4-10-11-11z",
  boost: "M7 7h11v6M17 17H6v-6M15 4l3 3-3 3M9 20l-3-3 3-3",
  more: "M4.5 12h1M11.5 12h1M18.5 12h1",
  quote: "M7 7h4v4c0 3-1.5 5-4 6M14 7h4v4c0 3-1.5 5-4 6",
  close: "M6 6l12 12M18 6 6 18",
  back: "M15 5l-7 7 7 7",
  image: "M3 5h18v14H3zm0 11 5-5 4 4 3-3 6 6M15 9h.01",
  poll: "M5 20V10M12 20V4M19 20v-7",
  emoji: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 14s1.5 2 4 2 4-2 4-2M9 9h.01M15 9h.01",
  warning: "M12 3 2 20h20zM12 10v4M12 17h.01",
  lock: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4",
  menu: "M4 6h16M4 12h16M4 18h16",
  signOut: "M15 4h4v16h-4M10 8l-4 4 4 4M6 12h10",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }) {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
