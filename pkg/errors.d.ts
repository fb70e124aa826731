// Types of pkg/errors.mjs: the error classes, one per core ErrorKind.

/** Base class of every error this package throws. */
export class AuthXError extends Error {
  /** The class name, e.g. "TokenExpiredError". */
  readonly name: string;
  constructor(message: string, name?: string, code?: string);
  /** The stable machine-readable code, e.g. "ERR_JWT_EXPIRED". */
  readonly code: string;
}
/** `exp` is in the past (beyond the leeway). */
export class TokenExpiredError extends AuthXError { readonly code: "ERR_JWT_EXPIRED"; static readonly code: "ERR_JWT_EXPIRED"; }
/** `nbf` or `iat` is in the future (beyond the leeway). */
export class TokenNotYetValidError extends AuthXError { readonly code: "ERR_JWT_NOT_YET_VALID"; static readonly code: "ERR_JWT_NOT_YET_VALID"; }
/** The signature does not match. */
export class InvalidSignatureError extends AuthXError { readonly code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"; static readonly code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"; }
/** The header's `alg` is not the configured one (or is `none`). */
export class AlgorithmNotAllowedError extends AuthXError { readonly code: "ERR_JOSE_ALG_NOT_ALLOWED"; static readonly code: "ERR_JOSE_ALG_NOT_ALLOWED"; }
/** Not a well-formed token: segments, base64url, JSON, claim types, size. */
export class MalformedTokenError extends AuthXError { readonly code: "ERR_JWT_INVALID"; static readonly code: "ERR_JWT_INVALID"; }
/** `aud` does not name an expected audience, or is present when none is expected. */
export class InvalidAudienceError extends AuthXError { readonly code: "ERR_JWT_AUDIENCE_INVALID"; static readonly code: "ERR_JWT_AUDIENCE_INVALID"; }
/** `iss` is not the expected issuer. */
export class InvalidIssuerError extends AuthXError { readonly code: "ERR_JWT_ISSUER_INVALID"; static readonly code: "ERR_JWT_ISSUER_INVALID"; }
/** An access token was required. */
export class AccessTokenRequiredError extends AuthXError { readonly code: "ERR_TOKEN_TYPE"; static readonly code: "ERR_TOKEN_TYPE"; }
/** A refresh token was required. */
export class RefreshTokenRequiredError extends AuthXError { readonly code: "ERR_TOKEN_TYPE"; static readonly code: "ERR_TOKEN_TYPE"; }
/** A fresh access token was required. */
export class FreshTokenRequiredError extends AuthXError { readonly code: "ERR_FRESH_TOKEN_REQUIRED"; static readonly code: "ERR_FRESH_TOKEN_REQUIRED"; }
/** The token's scopes do not grant the required ones. */
export class InsufficientScopeError extends AuthXError { readonly code: "ERR_INSUFFICIENT_SCOPE"; static readonly code: "ERR_INSUFFICIENT_SCOPE"; }
/** The request's CSRF value does not match the token's `csrf` claim. */
export class CSRFError extends AuthXError { readonly code: "ERR_CSRF_MISMATCH"; static readonly code: "ERR_CSRF_MISMATCH"; }
/** Options or arguments are invalid. */
export class BadConfigurationError extends AuthXError { readonly code: "ERR_BAD_CONFIGURATION"; static readonly code: "ERR_BAD_CONFIGURATION"; }
