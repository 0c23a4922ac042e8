// Redaction of job seekers' personal data (commenters, victims) for roles that may not see it:
// phone numbers, e-mail addresses and @handles in a post are masked unless they are the
// recruiter contacts the extractor found (those are the lead Komdigi and Polri need).
import type { Features } from '../contracts/features.js';
import type { Post } from '../contracts/post.js';

const PERSONAL = /(\+?\d[\d\s().-]{7,}\d)|([\w.+-]+@[\w-]+\.[\w.-]+)|(@[A-Za-z0-9_.]{3,})/g;

export const REDACTED = '[disamarkan]';

/** Masks personal identifiers outside the recruiter contact spans. */
export function redactText(text: string, features: Features | null): string {
  const keep = (features?.contacts ?? []).map((c) => c.span);
  return text.replace(PERSONAL, (match, _a, _b, _c, offset: number) => {
    const end = offset + match.length;
    return keep.some((s) => s.start <= offset && end <= s.end) ? match : REDACTED;
  });
}

/**
 * A post as shown to a role without personal-data rights. Authors of warnings and news are
 * witnesses or victims, so their identity is masked too; recruiters' accounts are kept.
 */
export function redactPost(post: Post, features: Features | null): Post {
  const recruiting = features?.intent.label === 'recruiting';
  return {
    ...post,
    text: redactText(post.text, features),
    author: recruiting || !post.author ? post.author : { name: REDACTED },
  };
}
