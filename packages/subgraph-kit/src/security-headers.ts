import type { RequestHandler } from 'express';
import helmet, { type HelmetOptions } from 'helmet';

export interface SecurityHeadersOptions {
  /**
   * Whether this server may answer a browser with Apollo's landing page (HTML). The
   * page brings its own Content-Security-Policy (a `<meta>` with per-request nonces
   * for its scripts, styles and the embedded Sandbox frame); a policy sent as a header
   * adds to it, so with the page on the header only keeps framing, `<base>` and
   * plugins shut and leaves the rest to the page's own. Without the page nothing of
   * ours is ever rendered, so the header allows nothing at all.
   */
  landingPage: boolean;
}

type ContentSecurityPolicyDirectives = Exclude<
  Exclude<HelmetOptions['contentSecurityPolicy'], boolean | undefined>['directives'],
  undefined
>;

/** One year, in seconds: how long a browser keeps to HTTPS for this host once told. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Security headers on every response, by helmet: `Content-Security-Policy` (see
 * SecurityHeadersOptions; `frame-ancestors 'none'` either way),
 * `Strict-Transport-Security: max-age=31536000; includeSubDomains` (browsers heed it
 * over HTTPS only), `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: no-referrer`, `Cross-Origin-Resource-Policy: same-origin` (other
 * sites read the API only through CORS, never by embedding a response),
 * `Cross-Origin-Opener-Policy: same-origin`, and helmet's other defaults (e.g.
 * `X-DNS-Prefetch-Control: off`). Mount it first, so 404s and refusals carry them too.
 */
export function securityHeaders(options: SecurityHeadersOptions): RequestHandler {
  // helmet insists on a default-src; with the landing page on, the page's own policy is the one that holds it.
  const directives: ContentSecurityPolicyDirectives = options.landingPage
    ? {
        defaultSrc: helmet.contentSecurityPolicy.dangerouslyDisableDefaultSrc,
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      }
    : { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] };
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    strictTransportSecurity: { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
}
