// Random secrets for sessions, CSRF and API tokens, and the digest under which they are stored.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** API tokens carry a prefix so they are recognisable in secret scanners and logs. */
export function newApiToken(): string {
  return `wsp_${newSecret(32)}`;
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
