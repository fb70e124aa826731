// What every entry does once the wasm module is instantiated: hand the core a
// factory for the error classes and one for TokenPayload objects, and give
// TokenPayload the core's scope rule. Internal to the package (not exported from it).
import * as errors from "./errors.mjs";
import { makePayload, setCore } from "./payload.mjs";

function makeError(name, code, message) {
  const Class = errors[name];
  return typeof Class === "function" && Class.code === code
    ? new Class(message)
    : new errors.AuthXError(message, name, code);
}

/** Connects one wasm-bindgen glue module (its exports) to the JS side; idempotent. */
export function bind(glue) {
  glue.__setErrorFactory(makeError);
  glue.__setPayloadFactory(makePayload);
  setCore({
    scopesAllow: glue.__scopesAllow,
    decodeUnverified: glue.__decodeUnverified,
    registered: Object.freeze(glue.__registeredClaims()),
  });
}
