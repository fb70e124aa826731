// What every library signs, verifies and decodes in the benchmark: one secret,
// one AuthX-shaped access token (sub, jti, type, fresh, csrf, iat, exp and
// three scopes, one of them a wildcard). Shared by the Node and the workerd
// benchmarks, so it imports nothing.

/** The HMAC secret, as a string (every library accepts one). */
export const SECRET = "bench-secret-shared-with-fastapi-0123456789";

/** The secret as an `oct` JWK `k` (base64url of its UTF-8 bytes). */
export const SECRET_K = btoa(SECRET).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");

/** The token's scopes (AuthX wildcards: `posts:*` grants `posts:read`). */
export const SCOPES = ["posts:*", "profile:read", "admin:users"];

/** What `hasScopes` is asked: both granted, the first one through the wildcard. */
export const REQUIRED = ["posts:read", "profile:read"];

/** Access-token lifetime in seconds (AuthX's default). */
export const LIFETIME = 900;

/**
 * The claims of one new access token, as AuthX (and `authx-wasm`'s
 * `createAccessToken({ uid, fresh: true, scopes })` with `csrf: true`) makes
 * them: a random UUID for `jti` and for `csrf`, `iat`/`exp` from the clock.
 * Peers that sign build this object per token, so they do the same work.
 */
export function accessClaims(nowMs = Date.now()) {
  const iat = Math.floor(nowMs / 1000);
  return {
    sub: "alice",
    jti: crypto.randomUUID(),
    type: "access",
    fresh: true,
    csrf: crypto.randomUUID(),
    iat,
    exp: iat + LIFETIME,
    scopes: SCOPES,
  };
}

/**
 * AuthX's scope rule in plain JavaScript (the "peer" of `hasScopes`: no JWT
 * library has it, an app writes this): a held `prefix:*` grants `prefix` and
 * `prefix:anything`; required scopes are literal; all or any must be granted.
 */
export function hasScopesJS(held, required, allRequired = true) {
  if (!Array.isArray(held)) return required.length === 0;
  const granted = (want) => {
    for (const h of held) {
      if (h === want) return true;
      if (h.length > 2 && h.endsWith(":*")) {
        const base = h.slice(0, -2);
        if (want === base || (want.length > base.length + 1 && want.startsWith(base) && want[base.length] === ":")) {
          return true;
        }
      }
    }
    return false;
  };
  return allRequired ? required.every(granted) : required.some(granted);
}

/** Reads what a request handler reads from a verified payload (the same for every library). */
export function readClaims(p) {
  return p.sub.length + p.exp + p.scopes.length;
}
