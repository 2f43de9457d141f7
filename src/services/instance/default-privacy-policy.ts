// The privacy policy a server shows until its administrator writes one (`hearth settings set
// privacy_policy ...`), as Mastodon ships a default. Plain text with blank lines between
// paragraphs, like the setting; written for Hearth and what it does, not legal advice.

/** When this text last changed: GET /api/v1/instance/privacy_policy reports it as updated_at. */
export const DEFAULT_PRIVACY_POLICY_UPDATED_AT = "2026-11-27T00:00:00.000Z";

export interface PolicyContext {
  title: string;
  domain: string;
  contactEmail: string;
}

export function defaultPrivacyPolicy({ title, domain, contactEmail }: PolicyContext): string {
  const contact =
    contactEmail === ""
      ? `the administrators of ${domain}`
      : `the administrators at ${contactEmail}`;
  return `This policy describes what ${title} (${domain}, "this server") does with information about you when you use it. This server runs Hearth, free software for the fediverse: a network of independent servers that exchange posts with each other.

What this server keeps. Your account: a username, a display name, a profile text, a profile picture and a header image, which are public. Your email address and a hash of your password, which are not. What you post, who you follow, and what you favourite, boost or bookmark. The IP addresses your requests come from and the apps you sign in with.

What others see. Public and unlisted posts can be read by anyone. Followers-only posts are shown to your followers, and mentions and direct messages to the people mentioned. Direct messages are not end-to-end encrypted: the administrators of this server and of the recipients' servers could read them, so do not use them for anything sensitive.

Other servers. When people on other servers follow you, or you mention or reply to them, your posts and profile are sent to their servers, which keep copies under their own rules. When you delete a post, this server asks those servers to delete their copies too, but it cannot make sure they do.

What the information is used for. To run the service: to show you your timelines, deliver your posts, send you notifications and the emails you ask for, and to protect the service from abuse, for example by limiting how many requests an address can make. It is not sold, and it is not used for advertising.

How long it is kept. Your posts and profile stay until you delete them or your account. When you delete your account, this server deletes its copy of your posts and profile and asks the servers that received them to do the same. Records of addresses and sign-ins are kept only as long as they are needed to protect the service.

Cookies. This server uses cookies only to keep you signed in.

Your choices. You can change your profile at any time and delete your account. To ask for a copy of the information this server keeps about you, or for anything else, write to ${contact}.

Children. This server is not meant for children under 13, or under 16 in the European Union and the European Economic Area.

Changes. If this policy changes, the date of the change is shown with it.`;
}
