// Recognizes walls that platforms serve instead of posts (login, captcha, block) from a page's URL and body.
// Pure, so every marker has a test; a wall is the source's health, never "no new posts".
import type { SourceHealth } from '../contracts/source.js';

export type WallHealth = Extract<SourceHealth, 'login_wall' | 'captcha' | 'blocked'>;

const CAPTCHA = [/g-recaptcha/i, /hcaptcha\.com/i, /cf-challenge|challenge-platform|cf_chl_/i, /id="captcha/i, /checkpoint\/block/i, /arkoselabs|funcaptcha/i];
const LOGIN_URL = [/\/login(\.php)?\b/i, /\/accounts\/login/i, /\/i\/flow\/login/i, /\/checkpoint\//i];
const LOGIN_BODY = [/id="login_form"/i, /name="login_form"/i, /You must log in to continue/i, /Log in to continue/i, /Masuk ke Facebook/i, /Anda harus masuk/i, /loginForm/];
const BLOCKED_BODY = [/Access Denied/i, /You have been blocked/i, /temporarily blocked/i, /Rate limit exceeded/i, /Anda diblokir/i, /Too Many Requests/i];

export function detectWall(page: { url: string; body: string; status?: number }): WallHealth | null {
  // Only the head of a page is scanned: walls say so early, and a post quoting "captcha" deep in a feed must not trip this.
  const head = page.body.slice(0, 200_000);
  if (CAPTCHA.some((re) => re.test(head))) return 'captcha';
  let pathname = '';
  try {
    pathname = new URL(page.url).pathname;
  } catch {
    pathname = '';
  }
  if (LOGIN_URL.some((re) => re.test(pathname))) return 'login_wall';
  if (LOGIN_BODY.some((re) => re.test(head))) return 'login_wall';
  if (page.status === 403 || page.status === 429) return 'blocked';
  if (BLOCKED_BODY.some((re) => re.test(head.slice(0, 20_000)))) return 'blocked';
  return null;
}
