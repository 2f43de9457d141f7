// List — https://docs.joinmastodon.org/entities/List/
export interface ListEntity {
  id: string;
  title: string;
  replies_policy: string;
  exclusive: boolean;
}

export function toList(l: {
  id: string;
  title: string;
  replies_policy: string;
  exclusive: boolean;
}): ListEntity {
  return {
    id: String(l.id),
    title: l.title,
    replies_policy: l.replies_policy,
    exclusive: Boolean(l.exclusive),
  };
}
