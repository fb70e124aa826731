//! The wasm-bindgen layer: converts JavaScript values to core values and back,
//! and decides nothing. Only built for `wasm32`.

pub mod auth;
pub mod clock;
pub mod error;
pub mod input;
pub mod keys;
pub mod options;
pub mod payload;
pub mod reflect;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** HMAC algorithms: a shared secret. */
export type HmacAlgorithm = "HS256" | "HS384" | "HS512";
/** Asymmetric algorithms: a private key signs, its public key verifies. RS* / PS* need a build with RSA. */
export type AsymmetricAlgorithm =
  | "ES256" | "ES256K" | "ES384" | "ES512"
  | "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512"
  | "EdDSA" | "Ed25519";
/** Every algorithm. */
export type Algorithm = HmacAlgorithm | AsymmetricAlgorithm;

/** A JSON Web Key (RFC 7517): EC, OKP (Ed25519), RSA or oct. */
export interface JWK {
  kty: "EC" | "OKP" | "RSA" | "oct";
  kid?: string;
  alg?: string;
  use?: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  d?: string;
  k?: string;
  [member: string]: unknown;
}

/** A JWK Set. */
export interface JWKS {
  keys: JWK[];
}

/** A key: PEM text (SPKI, PKCS#8, SEC1 "EC PRIVATE KEY", PKCS#1 "RSA PRIVATE/PUBLIC KEY") or a JWK. */
export type KeyLike = string | JWK;

/** What `generateKeyPair` returns: JWKs, or PEM strings with `toPem`. */
export interface KeyPair {
  privateKey: JWK | string;
  publicKey: JWK | string;
}

/** Options of `generateKeyPair`. */
export interface GenerateKeyPairOptions {
  /** PEM strings (PKCS#8 and SPKI) instead of JWKs. Default false. */
  toPem?: boolean;
  /** RSA only: 2048 (default), 3072 or 4096. */
  modulusLength?: number;
  /** The `kid` of the keys. Default: the RFC 7638 thumbprint. */
  keyId?: string;
}

/** Options of `exportJwk` / `exportPem`. */
export interface ExportKeyOptions {
  /** The algorithm, when the key does not imply it (RSA keys, secrets). */
  algorithm?: Algorithm;
  /** The `kid` of the JWK. Default: the JWK's own, else the RFC 7638 thumbprint. */
  keyId?: string;
  /** Only the public key. Default false. */
  public?: boolean;
}

/** Options of `new AuthX(options)`: an HMAC secret, or asymmetric keys. */
export type AuthXOptions = HmacAuthXOptions | AsymmetricAuthXOptions;

/** `new AuthX` with a shared secret (HS256, the default, HS384, HS512). */
export interface HmacAuthXOptions extends CommonAuthXOptions {
  /** The one algorithm tokens are made with and the key verifies. Default "HS256". */
  algorithm?: HmacAlgorithm;
  /** The shared secret: a UTF-8 string, raw bytes or an oct JWK. */
  secretKey: string | Uint8Array | JWK;
  privateKey?: never;
  publicKey?: never;
}

/** `new AuthX` with asymmetric keys: `privateKey` signs, `publicKey` alone verifies only. */
export interface AsymmetricAuthXOptions extends CommonAuthXOptions {
  /** The one algorithm tokens are made with and the key verifies. */
  algorithm: AsymmetricAlgorithm;
  /** The signing key (PEM or JWK); its public half verifies. */
  privateKey?: KeyLike;
  /** The verification key. Alone (or with only verificationKeys), the instance verifies but cannot create tokens. */
  publicKey?: KeyLike;
  secretKey?: never;
}

/** The options every instance takes. */
export interface CommonAuthXOptions {
  /** The `kid` of new tokens and of that key. Default: the JWK's kid, else its RFC 7638 thumbprint (none for a secret). */
  keyId?: string;
  /** More verification keys (rotation): an array of JWKs / PEM strings, or a JWKS. A token's `kid` picks one; without `kid` they are tried in order. */
  verificationKeys?: KeyLike[] | JWKS;
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

// TokenPayload is a JavaScript class (pkg/payload.mjs) made from the checked JSON text.
import type { TokenPayload } from "../payload";
"#;
