/// <reference lib="esnext.disposable" />
// (The generated AuthX class implements Symbol.dispose, which needs this lib.)
// Types of authx-wasm, the same for every entry (Node, browsers, bundlers, Workers, Deno).
// AuthX and the option types come from the Rust binding (generated); TokenPayload
// from payload.d.ts; the error classes from errors.d.ts.
export { AuthX, generateKeyPair, generateSecret, exportJwk, exportPem } from "./node/authx_wasm";
export { TokenPayload } from "./payload";
export type {
  Algorithm,
  HmacAlgorithm,
  AsymmetricAlgorithm,
  JWK,
  JWKS,
  KeyLike,
  KeyPair,
  GenerateKeyPairOptions,
  ExportKeyOptions,
  AuthXOptions,
  HmacAuthXOptions,
  AsymmetricAuthXOptions,
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
