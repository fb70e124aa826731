// authx-wasm for Node (ES modules): the same objects as the CommonJS entry,
// so `instanceof` works across both.
import cjs from "./index.cjs";

export const {
  AuthX,
  TokenPayload,
  init,
  AuthXError,
  TokenExpiredError,
  TokenNotYetValidError,
  InvalidSignatureError,
  AlgorithmNotAllowedError,
  MalformedTokenError,
  InvalidAudienceError,
  InvalidIssuerError,
  AccessTokenRequiredError,
  RefreshTokenRequiredError,
  FreshTokenRequiredError,
  InsufficientScopeError,
  CSRFError,
  BadConfigurationError,
} = cjs;
export default cjs;
