// What every entry does once the wasm module is instantiated: hand the core a
// factory for the error classes and one for TokenPayload objects, give
// TokenPayload the core's scope rule, and route tokens into wasm memory with one
// TextEncoder.encodeInto (src/js/input.rs says why). Internal to the package.
import * as errors from "./errors.mjs";
import { makePayload, setCore } from "./payload.mjs";

function makeError(name, code, message) {
  const Class = errors[name];
  return typeof Class === "function" && Class.code === code
    ? new Class(message)
    : new errors.AuthXError(message, name, code);
}

/** Tokens up to this many UTF-16 units take the encodeInto path (the buffer holds 3 bytes each). */
const FAST_UNITS = 4096;

/**
 * `put(token)` writes a string token into the module's input buffer and returns its
 * length in bytes, or -1 when the token must take wasm-bindgen's path (not a string,
 * or longer than the buffer).
 */
function inputWriter(glue) {
  const memory = glue.__memory();
  const ptr = glue.__inputBuffer();
  const encoder = new TextEncoder();
  let view = new Uint8Array(memory.buffer, ptr, FAST_UNITS * 3);
  return function put(token) {
    if (typeof token !== "string" || token.length > FAST_UNITS) return -1;
    // Growing the wasm memory detaches the old buffer: make a new view then.
    if (view.byteLength === 0) view = new Uint8Array(memory.buffer, ptr, FAST_UNITS * 3);
    return encoder.encodeInto(token, view).written;
  };
}

/**
 * Reads a list of strings for the core in one call (src/js/reflect.rs, `string_array`,
 * says what each answer means): the JSON text of the list, or 0 (not an array of
 * strings), 1 (a lone surrogate) or the length (more than 100000 items). Each item
 * is read once; JSON.stringify of a string primitive never consults a toJSON.
 */
function readStringList(value) {
  if (!Array.isArray(value)) return 0;
  const len = value.length;
  if (len > 100_000) return len;
  let text = "[";
  for (let i = 0; i < len; i++) {
    const s = value[i];
    if (typeof s !== "string") return 0;
    if (typeof s.isWellFormed === "function" && !s.isWellFormed()) return 1;
    text += (i === 0 ? "" : ",") + JSON.stringify(s);
  }
  return text + "]";
}

/** Connects one wasm-bindgen glue module (its exports) to the JS side; idempotent. */
export function bind(glue) {
  glue.__setErrorFactory(makeError);
  glue.__setPayloadFactory(makePayload);
  glue.__setListReader(readStringList);
  const put = inputWriter(glue);
  const proto = glue.AuthX.prototype;
  const generated = proto.__generated ?? { decodeToken: proto.decodeToken, verifyToken: proto.verifyToken };
  Object.defineProperties(proto, {
    __generated: { value: generated, configurable: true },
    decodeToken: {
      configurable: true,
      writable: true,
      value: function decodeToken(token) {
        const len = put(token);
        return len < 0 ? generated.decodeToken.call(this, token) : this.__decodeInput(len);
      },
    },
    verifyToken: {
      configurable: true,
      writable: true,
      value: function verifyToken(token, options) {
        const len = put(token);
        return len < 0 ? generated.verifyToken.call(this, token, options) : this.__verifyInput(len, options);
      },
    },
  });
  setCore({
    scopesAllow(text, allRequired) {
      const len = put(text);
      return len < 0 ? glue.__scopesAllow(text, allRequired) : glue.__scopesAllowInput(len, allRequired);
    },
    decodeUnverified(token, options) {
      const len = put(token);
      return len < 0 ? glue.__decodeUnverified(token, options) : glue.__decodeUnverifiedInput(len, options);
    },
    registered: Object.freeze(glue.__registeredClaims()),
  });
}
