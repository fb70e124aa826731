// Types of pkg/payload.mjs: the TokenPayload class.
import type { DecodeUnverifiedOptions, HasScopesOptions } from "./node/authx_wasm";

/**
 * A decoded token: its claims, its header, expiry getters and scope checks.
 * Made by `AuthX#decodeToken`, `AuthX#verifyToken` and `TokenPayload.decodeUnverified`;
 * it holds no wasm memory (nothing to free). Arrays and objects it returns are copies.
 */
export class TokenPayload {
  private constructor();
  /**
   * Reads a token without a key or any check of signature, time, issuer or audience:
   * for frontends that only show expiry and scopes. Structure, header and claim types
   * are still checked.
   */
  static decodeUnverified(token: string, options?: DecodeUnverifiedOptions): TokenPayload;
  /** `sub`: the user id. */
  readonly sub: string | undefined;
  /** `jti`: the token id. */
  readonly jti: string | undefined;
  /** `iat`, seconds since the epoch, as in the token. */
  readonly iat: number | undefined;
  /** `exp`, seconds since the epoch, as in the token (may be fractional). */
  readonly exp: number | undefined;
  /** `nbf`, seconds since the epoch. */
  readonly nbf: number | undefined;
  /** `iss`: the issuer. */
  readonly iss: string | undefined;
  /** `aud`: a string or an array of strings, as in the token. */
  readonly aud: string | string[] | undefined;
  /** `type`: "access" (the default when absent) or "refresh". */
  readonly type: string;
  /** `fresh`, false when absent. */
  readonly fresh: boolean;
  /** `csrf`, "" when absent. */
  readonly csrf: string;
  /** `scopes`, or undefined when the token has none. */
  readonly scopes: string[] | undefined;
  /** Every claim that is not a registered one: the custom `data`. */
  readonly extra: Record<string, unknown>;
  /** The protected header. */
  readonly header: Record<string, unknown>;
  /** `exp` as a Date. */
  readonly expiryDate: Date | undefined;
  /** `iat` as a Date. */
  readonly issuedAtDate: Date | undefined;
  /** `nbf` as a Date. */
  readonly notBeforeDate: Date | undefined;
  /** Seconds until `exp` by the instance's clock (negative once expired). */
  readonly timeUntilExpiry: number | undefined;
  /** Seconds since `iat` by the instance's clock. */
  readonly timeSinceIssued: number | undefined;
  /** Expired now, by the instance's clock and leeway? False without `exp`. */
  readonly isExpired: boolean;
  /**
   * Do the token's scopes grant the given ones? A token scope `prefix:*` is a wildcard.
   * `hasScopes("a", "b")`, `hasScopes("a", "b", { allRequired: false })`,
   * `hasScopes(["a", "b"], { allRequired: false })`.
   */
  hasScopes(...scopes: string[]): boolean;
  hasScopes(...args: [...scopes: string[], options: HasScopesOptions]): boolean;
  hasScopes(scopes: string[], options?: HasScopesOptions): boolean;
  /** Every claim as a plain object, in token order, so `JSON.stringify(payload)` works. */
  toJSON(): Record<string, unknown>;
}
