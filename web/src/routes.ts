// Every screen of the app and its path: the single list of routes (first match wins). Add one
// line per screen; keep more specific patterns above general ones. The server serves the app
// at these paths (src/pages/web-app.ts lists their first segments: add new ones there too).
import type { Route } from "./router.tsx";
import { BookmarksScreen } from "./screens/bookmarks.tsx";
import { ConversationsScreen } from "./screens/conversations.tsx";
import { DomainBlocksScreen } from "./screens/domain-blocks.tsx";
import { EditProfileScreen } from "./screens/edit-profile.tsx";
import { ExploreScreen } from "./screens/explore.tsx";
import { FavouritesScreen } from "./screens/favourites.tsx";
import { FiltersScreen } from "./screens/filters.tsx";
import { FollowRequestsScreen } from "./screens/follow-requests.tsx";
import { FollowedTagsScreen } from "./screens/followed-tags.tsx";
import { HashtagTimeline } from "./screens/hashtag-timeline.tsx";
import { HomeTimeline } from "./screens/home-timeline.tsx";
import { ListMembersScreen } from "./screens/list-members.tsx";
import { ListTimeline } from "./screens/list-timeline.tsx";
import { ListsScreen } from "./screens/lists.tsx";
import { BlocksScreen, MutesScreen } from "./screens/mutes-blocks.tsx";
import { NotificationsScreen } from "./screens/notifications.tsx";
import { PreferencesScreen } from "./screens/preferences.tsx";
import { ProfileScreen } from "./screens/profile.tsx";
import { FederatedTimeline, LocalTimeline } from "./screens/public-timeline.tsx";
import { SearchScreen } from "./screens/search.tsx";
import { ShareScreen } from "./screens/share.tsx";
import { ThreadScreen } from "./screens/thread.tsx";

export const routes: Route[] = [
  { path: "/", component: HomeTimeline },
  { path: "/home", component: HomeTimeline },
  { path: "/public/local", component: LocalTimeline },
  { path: "/public", component: FederatedTimeline },
  { path: "/tags/:tag", component: HashtagTimeline },
  { path: "/notifications", component: NotificationsScreen },
  { path: "/follow_requests", component: FollowRequestsScreen },
  { path: "/conversations", component: ConversationsScreen },
  { path: "/bookmarks", component: BookmarksScreen },
  { path: "/favourites", component: FavouritesScreen },
  { path: "/lists", component: ListsScreen },
  { path: "/lists/:id/members", component: ListMembersScreen },
  { path: "/lists/:id", component: ListTimeline },
  { path: "/followed_tags", component: FollowedTagsScreen },
  { path: "/search", component: SearchScreen },
  { path: "/explore", component: ExploreScreen },
  { path: "/settings/preferences", component: PreferencesScreen },
  { path: "/settings/profile", component: EditProfileScreen },
  { path: "/filters", component: FiltersScreen },
  { path: "/mutes", component: MutesScreen },
  { path: "/blocks", component: BlocksScreen },
  { path: "/domain_blocks", component: DomainBlocksScreen },
  { path: "/share", component: ShareScreen },
  { path: "/@:acct", component: ProfileScreen },
  { path: "/@:acct/:id", component: ThreadScreen },
];
