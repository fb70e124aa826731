// What every entry does once the wasm module is instantiated: hand the core a
// factory for the error classes, and give TokenPayload its variadic hasScopes.
// Internal to the package (not exported from it).
import * as errors from "./errors.mjs";

function makeError(name, code, message) {
  const Class = errors[name];
  return typeof Class === "function" && Class.code === code
    ? new Class(message)
    : new errors.AuthXError(message, name, code);
}

/**
 * `hasScopes("a", "b")`, `hasScopes("a", "b", { allRequired })`,
 * `hasScopes(["a", "b"], { allRequired })` over the binding's `__hasScopes(list, all)`.
 */
function hasScopes(...args) {
  let allRequired = true;
  const last = args[args.length - 1];
  if (last !== null && typeof last === "object" && !Array.isArray(last)) {
    args.pop();
    if (last.allRequired !== undefined) {
      if (typeof last.allRequired !== "boolean") {
        throw new errors.BadConfigurationError("hasScopes options.allRequired must be a boolean");
      }
      allRequired = last.allRequired;
    }
  }
  const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
  return this.__hasScopes(list, allRequired);
}

/** Connects one wasm-bindgen glue module (its exports) to the JS side; idempotent. */
export function bind(glue) {
  glue.__setErrorFactory(makeError);
  if (!Object.hasOwn(glue.TokenPayload.prototype, "hasScopes")) {
    Object.defineProperty(glue.TokenPayload.prototype, "hasScopes", {
      configurable: true,
      writable: true,
      value: hasScopes,
    });
  }
}
