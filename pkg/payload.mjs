// The TokenPayload class: a decoded token's claims and header, with expiry
// getters and scope checks. Shared by every entry.
//
// The wasm core checks a token (strict JSON, claim types, signature, times) and
// hands over the checked JSON text; this class lets JSON.parse build the objects
// from it, lazily, on the first read. No wasm memory is held: there is nothing
// to free. Rules stay in the core: the scope rule is the core's (src/core/scopes.rs,
// one call per hasScopes), the registered claim names come from the core.
import { BadConfigurationError } from "./errors.mjs";

const MADE_HERE = Symbol("authx-wasm TokenPayload");

/** What the bound wasm module provides (set by bind.mjs); null before it loads. */
let core = null;

/** @internal Called by bind.mjs once the wasm module is instantiated. */
export function setCore(binding) {
  core = binding;
}

/**
 * @internal The factory the core calls with the claims' and the header's JSON text and
 * the instance's `{ now, leeway }` (its clock function or undefined, its leeway in seconds).
 */
export function makePayload(claims, header, context) {
  return new TokenPayload(MADE_HERE, claims, header, context);
}

function notLoaded() {
  return new BadConfigurationError(
    "the wasm module is not loaded yet: await init() (or call initSync) before using authx-wasm",
  );
}

/** Seconds since the epoch by `now` (or Date.now); NaN when the clock misbehaves. */
function nowSeconds(now) {
  let ms;
  try {
    ms = now === undefined ? Date.now() : now();
  } catch {
    return NaN;
  }
  // The clock rule of src/core/clock.rs: milliseconds within a JavaScript Date's range.
  return typeof ms === "number" && ms >= 0 && ms <= 8.64e15 ? ms / 1000 : NaN;
}

/**
 * The arguments of hasScopes → the required scopes as JSON text and the mode.
 * Caller values are read once; a getter or proxy trap that throws, or an item
 * that is not a string, is a BadConfigurationError.
 */
function scopeArguments(args) {
  try {
    let allRequired = true;
    const last = args[args.length - 1];
    if (isOptions(last)) {
      args.pop();
      for (const name of Reflect.ownKeys(last)) {
        if (name !== "allRequired") {
          throw new BadConfigurationError(`unknown option ${String(name)} in hasScopes options; known options: allRequired`);
        }
      }
      const mode = Object.hasOwn(last, "allRequired") ? last.allRequired : undefined;
      if (mode !== undefined) {
        if (typeof mode !== "boolean") {
          throw new BadConfigurationError("hasScopes options.allRequired must be a boolean");
        }
        allRequired = mode;
      }
    }
    const list = args.length === 1 && Array.isArray(args[0]) ? Array.from(args[0]) : args;
    return { required: jsonStrings(list), allRequired };
  } catch (e) {
    if (e instanceof BadConfigurationError) throw e;
    throw new BadConfigurationError("hasScopes could not read its arguments (a getter or proxy trap threw)");
  }
}

/** Is `value` hasScopes' trailing options object: a plain object (not an array, Set, Date, String object…)? */
function isOptions(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A JSON array text of `list`, which must hold only strings. Written item by item:
 * JSON.stringify of a string primitive never consults a toJSON, so a polluted
 * Array.prototype.toJSON cannot change what crosses to the core.
 */
function jsonStrings(list) {
  let text = "[";
  for (let i = 0; i < list.length; i++) {
    const s = list[i];
    if (typeof s !== "string") {
      throw new BadConfigurationError("hasScopes takes scope strings (or one array of them)");
    }
    text += (i === 0 ? "" : ",") + JSON.stringify(s);
  }
  return text + "]";
}

const date = (seconds) => (seconds === undefined ? undefined : new Date(seconds * 1000));

/**
 * A decoded token: its claims, its header, expiry getters and scope checks.
 * Made by `AuthX#decodeToken`, `AuthX#verifyToken` and `TokenPayload.decodeUnverified`;
 * it cannot be constructed directly. Arrays and objects it returns are copies.
 */
export class TokenPayload {
  #text;
  #headerText;
  #context;
  #parsed = undefined;
  #grantedJson = undefined;

  /** @internal */
  constructor(key, text, headerText, context) {
    if (key !== MADE_HERE) {
      throw new BadConfigurationError(
        "TokenPayload is made by AuthX#decodeToken, AuthX#verifyToken or TokenPayload.decodeUnverified, not with new",
      );
    }
    this.#text = text;
    this.#headerText = headerText;
    this.#context = context;
  }

  /**
   * Reads a token without a key or any check of signature, time, issuer or audience:
   * for frontends that only show expiry and scopes. Structure, header and claim types
   * are still checked.
   * @param {string} token the compact JWT
   * @param {{ now?: () => number, maxTokenLength?: number }} [options]
   * @returns {TokenPayload}
   */
  static decodeUnverified(token, options) {
    if (core === null) throw notLoaded();
    return core.decodeUnverified(token, options);
  }

  /** The claim `name`, own properties only (a polluted Object.prototype is never read). */
  #claim(name) {
    this.#parsed ??= JSON.parse(this.#text);
    return Object.hasOwn(this.#parsed, name) ? this.#parsed[name] : undefined;
  }

  /** `sub`: the user id. @type {string | undefined} */
  get sub() {
    return this.#claim("sub");
  }

  /** `jti`: the token id. @type {string | undefined} */
  get jti() {
    return this.#claim("jti");
  }

  /** `iat`, seconds since the epoch, as in the token. @type {number | undefined} */
  get iat() {
    return this.#claim("iat");
  }

  /** `exp`, seconds since the epoch, as in the token (may be fractional). @type {number | undefined} */
  get exp() {
    return this.#claim("exp");
  }

  /** `nbf`, seconds since the epoch. @type {number | undefined} */
  get nbf() {
    return this.#claim("nbf");
  }

  /** `iss`: the issuer. @type {string | undefined} */
  get iss() {
    return this.#claim("iss");
  }

  /** `aud`: a string or an array of strings, as in the token. @type {string | string[] | undefined} */
  get aud() {
    const aud = this.#claim("aud");
    return Array.isArray(aud) ? aud.slice() : aud;
  }

  /** `type`: "access" (the default when absent) or "refresh". @type {string} */
  get type() {
    return this.#claim("type") ?? "access";
  }

  /** `fresh`, false when absent. @type {boolean} */
  get fresh() {
    return this.#claim("fresh") ?? false;
  }

  /** `csrf`, "" when absent. @type {string} */
  get csrf() {
    return this.#claim("csrf") ?? "";
  }

  /** `scopes`, or undefined when the token has none. @type {string[] | undefined} */
  get scopes() {
    return this.#claim("scopes")?.slice();
  }

  /** Every claim that is not a registered one: the custom `data`. @type {Record<string, unknown>} */
  get extra() {
    const all = JSON.parse(this.#text);
    for (const name of core.registered) delete all[name];
    return all;
  }

  /** The protected header. @type {Record<string, unknown>} */
  get header() {
    return JSON.parse(this.#headerText);
  }

  /** `exp` as a Date. @type {Date | undefined} */
  get expiryDate() {
    return date(this.#claim("exp"));
  }

  /** `iat` as a Date. @type {Date | undefined} */
  get issuedAtDate() {
    return date(this.#claim("iat"));
  }

  /** `nbf` as a Date. @type {Date | undefined} */
  get notBeforeDate() {
    return date(this.#claim("nbf"));
  }

  /** Seconds until `exp` by the instance's clock (negative once expired). @type {number | undefined} */
  get timeUntilExpiry() {
    const exp = this.#claim("exp");
    return exp === undefined ? undefined : exp - nowSeconds(this.#context.now);
  }

  /** Seconds since `iat` by the instance's clock. @type {number | undefined} */
  get timeSinceIssued() {
    const iat = this.#claim("iat");
    return iat === undefined ? undefined : nowSeconds(this.#context.now) - iat;
  }

  /**
   * Expired now, by the instance's clock and leeway (the rule verification uses:
   * `exp <= now - leeway`)? False without `exp`; true when the clock fails (throws or
   * returns something that is not a time), so a broken clock never keeps a token alive.
   * @type {boolean}
   */
  get isExpired() {
    const exp = this.#claim("exp");
    return exp !== undefined && !(exp > nowSeconds(this.#context.now) - this.#context.leeway);
  }

  /**
   * Do the token's scopes grant the given ones? A token scope `prefix:*` is a wildcard.
   * `hasScopes("a", "b")`, `hasScopes("a", "b", { allRequired: false })`,
   * `hasScopes(["a", "b"], { allRequired: false })`.
   * @param {...(string | string[] | { allRequired?: boolean })} args
   * @returns {boolean}
   */
  hasScopes(...args) {
    const { required, allRequired } = scopeArguments(args);
    if (this.#grantedJson === undefined) {
      const granted = this.#claim("scopes");
      this.#grantedJson = granted === undefined ? "" : "," + jsonStrings(granted);
    }
    return core.scopesAllow(`[${required}${this.#grantedJson}]`, allRequired);
  }

  /**
   * Every claim as a plain object (`JSON.parse` of the payload), so `JSON.stringify(payload)`
   * works; in token order, except that JavaScript puts integer-like names ("10") first.
   */
  toJSON() {
    return JSON.parse(this.#text);
  }

  /** Node's `util.inspect` / console.log show the claims. */
  [Symbol.for("nodejs.util.inspect.custom")]() {
    return this.toJSON();
  }
}
