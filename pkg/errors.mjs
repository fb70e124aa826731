// The error classes of authx-wasm: one per core ErrorKind (src/core/error.rs
// holds the names and codes; tests/js/errors.test.mjs checks that every kind
// has its class here). Pure JavaScript: usable before the wasm is loaded.

/** Base class of every error this package throws. */
export class AuthXError extends Error {
  /**
   * @param {string} message what failed, with the values involved
   * @param {string} [name] the class name
   * @param {string} [code] the stable code
   */
  constructor(message, name = "AuthXError", code = "ERR_AUTHX") {
    super(message);
    /** The error's class name, e.g. "TokenExpiredError". */
    this.name = name;
    /** The stable machine-readable code, e.g. "ERR_JWT_EXPIRED". */
    this.code = code;
  }
}

/** `exp` is in the past (beyond the leeway). */
export class TokenExpiredError extends AuthXError {
  static code = "ERR_JWT_EXPIRED";
  constructor(message) { super(message, "TokenExpiredError", TokenExpiredError.code); }
}
/** `nbf` or `iat` is in the future (beyond the leeway). */
export class TokenNotYetValidError extends AuthXError {
  static code = "ERR_JWT_NOT_YET_VALID";
  constructor(message) { super(message, "TokenNotYetValidError", TokenNotYetValidError.code); }
}
/** The signature does not match the token and key. */
export class InvalidSignatureError extends AuthXError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message) { super(message, "InvalidSignatureError", InvalidSignatureError.code); }
}
/** The header's `alg` is not the one this key verifies (or is `none`). */
export class AlgorithmNotAllowedError extends AuthXError {
  static code = "ERR_JOSE_ALG_NOT_ALLOWED";
  constructor(message) { super(message, "AlgorithmNotAllowedError", AlgorithmNotAllowedError.code); }
}
/** Not a well-formed token: segments, base64url, JSON, claim types, size. */
export class MalformedTokenError extends AuthXError {
  static code = "ERR_JWT_INVALID";
  constructor(message) { super(message, "MalformedTokenError", MalformedTokenError.code); }
}
/** `aud` does not name an expected audience, or is present when none is expected. */
export class InvalidAudienceError extends AuthXError {
  static code = "ERR_JWT_AUDIENCE_INVALID";
  constructor(message) { super(message, "InvalidAudienceError", InvalidAudienceError.code); }
}
/** `iss` is not the expected issuer. */
export class InvalidIssuerError extends AuthXError {
  static code = "ERR_JWT_ISSUER_INVALID";
  constructor(message) { super(message, "InvalidIssuerError", InvalidIssuerError.code); }
}
/** An access token was required, another type was given. */
export class AccessTokenRequiredError extends AuthXError {
  static code = "ERR_TOKEN_TYPE";
  constructor(message) { super(message, "AccessTokenRequiredError", AccessTokenRequiredError.code); }
}
/** A refresh token was required, another type was given. */
export class RefreshTokenRequiredError extends AuthXError {
  static code = "ERR_TOKEN_TYPE";
  constructor(message) { super(message, "RefreshTokenRequiredError", RefreshTokenRequiredError.code); }
}
/** A fresh access token was required. */
export class FreshTokenRequiredError extends AuthXError {
  static code = "ERR_FRESH_TOKEN_REQUIRED";
  constructor(message) { super(message, "FreshTokenRequiredError", FreshTokenRequiredError.code); }
}
/** The token's scopes do not grant the required ones. */
export class InsufficientScopeError extends AuthXError {
  static code = "ERR_INSUFFICIENT_SCOPE";
  constructor(message) { super(message, "InsufficientScopeError", InsufficientScopeError.code); }
}
/** The request's CSRF value does not match the token's `csrf` claim. */
export class CSRFError extends AuthXError {
  static code = "ERR_CSRF_MISMATCH";
  constructor(message) { super(message, "CSRFError", CSRFError.code); }
}
/** The options or arguments are invalid. */
export class BadConfigurationError extends AuthXError {
  static code = "ERR_BAD_CONFIGURATION";
  constructor(message) { super(message, "BadConfigurationError", BadConfigurationError.code); }
}
