/// <reference lib="esnext.disposable" />
// Types of authx-wasm/hmac, the HMAC-only build (every entry: Node, browsers,
// bundlers, Workers, Deno). The same AuthX, TokenPayload and error classes as
// the main entry, without the asymmetric key functions (generateKeyPair,
// exportJwk, exportPem). `new AuthX` takes the HMAC options; privateKey,
// publicKey, verificationKeys, JWK keys and the asymmetric algorithms throw a
// BadConfigurationError that names this build.
export { AuthX, generateSecret } from "./node/authx_wasm";
export { TokenPayload } from "./payload";
export type {
  Algorithm,
  HmacAlgorithm,
  AsymmetricAlgorithm,
  JWK,
  JWKS,
  AuthXOptions,
  HmacAuthXOptions,
  CommonAuthXOptions,
  AccessTokenOptions,
  RefreshTokenOptions,
  TokenPairOptions,
  TokenPair,
  VerifyOptions,
  DecodeUnverifiedOptions,
  HasScopesOptions,
} from "./node/authx_wasm";
export * from "./errors";

/**
 * Resolves when the package is ready: at once in Node and Workers; in browsers it
 * loads the .wasm (from next to the module, or from `source`). Idempotent.
 */
export function init(source?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

/** Browsers only: instantiate synchronously from a compiled module or bytes. */
export function initSync(module: WebAssembly.Module | BufferSource): void;
