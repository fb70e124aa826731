// init / initSync for the entries that load a `web`-target build: `loader` for
// those that fetch the .wasm (web.mjs, hmac.mjs), `readyNow` for those that have
// it at import (workerd.mjs, hmac-workerd.mjs, hmac-node.mjs). One place for
// their rules. Internal to the package.
import { bind } from "./bind.mjs";
import { BadConfigurationError } from "./errors.mjs";

/**
 * The `init` and `initSync` of one wasm-bindgen `web` glue module.
 * @param {(options?: object) => Promise<unknown>} initWasm the glue's default export
 * @param {object} glue the glue module's exports
 */
export function loader(initWasm, glue) {
  let ready; // the promise of init(), once asked for
  let loaded = false;

  /**
   * Loads the wasm module; resolves when the package is ready. Idempotent: once
   * loaded (or loading), later calls return the same promise and ignore `source`.
   * @param {RequestInfo | URL | Response | BufferSource | WebAssembly.Module} [source]
   *   where to load the .wasm from (default: next to this module)
   */
  function init(source) {
    ready ??= initWasm(source === undefined ? undefined : { module_or_path: source }).then(
      () => {
        bind(glue);
        loaded = true;
      },
      (err) => {
        ready = undefined;
        throw err;
      },
    );
    return ready;
  }

  /**
   * Instantiates synchronously from an already compiled `WebAssembly.Module` (or bytes).
   * A no-op once loaded; refused while `init()` is still loading (two instances would
   * replace each other).
   * @param {WebAssembly.Module | BufferSource} module
   */
  function initSync(module) {
    if (loaded) return;
    if (ready) throw new BadConfigurationError("init() is still loading the module: await it instead of calling initSync()");
    glue.initSync({ module });
    bind(glue);
    loaded = true;
    ready = Promise.resolve();
  }

  return { init, initSync };
}

/**
 * Instantiates `glue` synchronously from `module` (a compiled `WebAssembly.Module` or
 * the bytes) at import, and returns the entry's `init` (resolves at once) and
 * `initSync` (nothing left to do).
 * @param {object} glue the glue module's exports
 * @param {WebAssembly.Module | BufferSource} module
 */
export function readyNow(glue, module) {
  glue.initSync({ module });
  bind(glue);
  return {
    /** Resolves at once: the module was instantiated on import. */
    init: () => Promise.resolve(),
    /** Nothing to do: the module was instantiated on import. */
    initSync() {},
  };
}
