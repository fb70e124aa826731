// The little JavaScript the binding needs: the error classes, one per core
// ErrorKind (src/core/error.rs holds the names and codes; this file only turns
// them into classes), and the argument forms of `hasScopes`. The wasm binding
// imports this module; the package entries re-export what it defines.

/** Base class of every error this package throws. */
export class AuthXError extends Error {
  /** @param {string} message @param {string} name @param {string} code */
  constructor(message, name, code) {
    super(message);
    /** The error's class name, e.g. "TokenExpiredError". */
    this.name = name;
    /** The stable machine-readable code, e.g. "ERR_JWT_EXPIRED". */
    this.code = code;
  }
}

const classes = { AuthXError };

function define(name, code) {
  const cls = {
    [name]: class extends AuthXError {
      constructor(message) {
        super(message, name, code);
      }
    },
  }[name];
  Object.defineProperty(cls, "code", { value: code, enumerable: true });
  classes[name] = cls;
  return cls;
}

/** Makes an instance of the class called `name` (defining it on first use). */
export function makeError(name, code, message) {
  const cls = classes[name] ?? define(name, code);
  return new cls(message);
}

/** Defines the class for (`name`, `code`) and returns the map of all classes. */
export function errorClasses(pairs) {
  for (let i = 0; i < pairs.length; i += 2) {
    if (!classes[pairs[i]]) define(pairs[i], pairs[i + 1]);
  }
  return classes;
}

/**
 * Installs `TokenPayload.prototype.hasScopes(...)`, which accepts
 * `("a", "b")`, `("a", "b", { allRequired })` and `(["a", "b"], { allRequired })`,
 * over the binding's `__hasScopes(list, allRequired)`.
 */
export function installHasScopes(TokenPayload) {
  if (Object.hasOwn(TokenPayload.prototype, "hasScopes")) return;
  Object.defineProperty(TokenPayload.prototype, "hasScopes", {
    configurable: true,
    writable: true,
    value: function hasScopes(...args) {
      let allRequired = true;
      const last = args[args.length - 1];
      if (last !== null && typeof last === "object" && !Array.isArray(last)) {
        args.pop();
        if (last.allRequired !== undefined) {
          if (typeof last.allRequired !== "boolean") {
            throw makeError("BadConfigurationError", "ERR_BAD_CONFIGURATION", "hasScopes options.allRequired must be a boolean");
          }
          allRequired = last.allRequired;
        }
      }
      const list = args.length === 1 && Array.isArray(args[0]) ? args[0] : args;
      return this.__hasScopes(list, allRequired);
    },
  });
}
