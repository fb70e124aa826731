//! The wasm-bindgen layer: converts JavaScript values to core values and back,
//! and decides nothing. Only built for `wasm32`.

pub mod auth;
pub mod clock;
pub mod error;
pub mod options;
pub mod payload;
pub mod reflect;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** HMAC algorithms of this build. */
export type Algorithm = "HS256" | "HS384" | "HS512";

/** Options of `new AuthX(options)`. */
export interface AuthXOptions {
  /** The HMAC secret: a UTF-8 string or raw bytes. Required. */
  secretKey: string | Uint8Array;
  /** The one algorithm tokens are made with and must name. Default "HS256". */
  algorithm?: Algorithm;
  /** Access-token lifetime in whole seconds, or null for no `exp`. Default 900 (15 min). */
  accessTokenExpires?: number | null;
  /** Refresh-token lifetime in whole seconds, or null for no `exp`. Default 1728000 (20 days). */
  refreshTokenExpires?: number | null;
  /** Put into new tokens as `iss`; required on decode when set. */
  issuer?: string;
  /** Put into new tokens as `aud`; required on decode when set (any one name matches). */
  audience?: string | string[];
  /** Seconds of clock tolerance on exp / nbf / iat. Default 0. */
  leeway?: number;
  /** When true, new tokens carry a random `csrf` claim; otherwise "". Default false. */
  csrf?: boolean;
  /** Clock in milliseconds since the epoch, like `Date.now`. Read once per call. */
  now?: () => number;
  /** Longest token accepted, in bytes. Default 16384. */
  maxTokenLength?: number;
}

/** Options of `createRefreshToken`. */
export interface RefreshTokenOptions {
  /** The user id, stored as `sub`. */
  uid: string;
  /** The `scopes` claim. */
  scopes?: string[];
  /** Custom claims (JSON). Registered claim names are refused. */
  data?: Record<string, unknown>;
  /** Lifetime in whole seconds (null: no `exp`), overriding the instance's. */
  expiresIn?: number | null;
  /** `aud`, overriding the instance's audience. */
  audience?: string | string[];
  /** Extra protected-header members, such as `kid`. `alg` and `crit` are refused. */
  headers?: Record<string, unknown>;
}

/** Options of `createAccessToken`. */
export interface AccessTokenOptions extends RefreshTokenOptions {
  /** Mark the token fresh (made by a login, not a refresh). Default false. */
  fresh?: boolean;
}

/** Options of `createTokenPair`. */
export interface TokenPairOptions {
  uid: string;
  fresh?: boolean;
  scopes?: string[];
  data?: Record<string, unknown>;
  audience?: string | string[];
  headers?: Record<string, unknown>;
  /** Access-token lifetime override, whole seconds or null. */
  accessExpiresIn?: number | null;
  /** Refresh-token lifetime override, whole seconds or null. */
  refreshExpiresIn?: number | null;
}

/** What `createTokenPair` returns. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: "bearer";
}

/** Options of `verifyToken`: AuthX's request checks. */
export interface VerifyOptions {
  /** The token type required. Default "access". */
  type?: "access" | "refresh";
  /** Require a fresh token. Default false. */
  fresh?: boolean;
  /** Scopes required (`prefix:*` in the token is a wildcard). */
  scopes?: string[];
  /** All scopes (true, default) or any one of them. */
  allRequired?: boolean;
  /**
   * The request's CSRF value (X-CSRF-TOKEN header), compared with the token's `csrf`.
   * Present but undefined/null/"" (a missing header) fails with CSRFError; leave the key
   * out to skip the check (tokens sent in an Authorization header).
   */
  csrf?: string | null;
}

/** Options of `TokenPayload.decodeUnverified`. */
export interface DecodeUnverifiedOptions {
  /** Clock for the time getters, in milliseconds. Default `Date.now`. */
  now?: () => number;
  /** Longest token accepted, in bytes. Default 16384. */
  maxTokenLength?: number;
}

/** Options of `hasScopes`. */
export interface HasScopesOptions {
  /** All scopes (true, default) or any one of them. */
  allRequired?: boolean;
}

export interface TokenPayload {
  /**
   * Do the token's scopes grant the given ones? A token scope `prefix:*` is a wildcard.
   * `hasScopes("a", "b")`, `hasScopes("a", "b", { allRequired: false })`,
   * `hasScopes(["a", "b"], { allRequired: false })`.
   */
  hasScopes(...scopes: string[]): boolean;
  hasScopes(...args: [...scopes: string[], options: HasScopesOptions]): boolean;
  hasScopes(scopes: string[], options?: HasScopesOptions): boolean;
}
"#;
