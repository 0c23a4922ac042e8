// Security headers on every response: a strict Content-Security-Policy (no inline script, no
// external origin), no framing, no referrer leaking case URLs to scraped sites.
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

export const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const securityHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: CSP,
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-origin',
    crossOriginOpenerPolicy: 'same-origin',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });

/** Evidence artifacts get an opaque sandbox CSP; registered before securityHeaders so it has the last word. */
export const EVIDENCE_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'none'; script-src 'none'";

export const sandboxEvidence = (): MiddlewareHandler => async (c, next) => {
  await next();
  if (c.req.path.startsWith('/evidence/')) c.res.headers.set('content-security-policy', EVIDENCE_CSP);
};
