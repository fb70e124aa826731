#!/usr/bin/env bash
# Run the wasm-bindgen-test suite tests/wasm.rs under Node.js or headless Chromium.
#
#   scripts/wasm-test.sh node
#   scripts/wasm-test.sh chrome
#
# The same test file runs in both: for the browser run WASM_BINDGEN_USE_BROWSER=1
# tells wasm-bindgen-test-runner to use the browser, so tests/wasm.rs must NOT
# call `wasm_bindgen_test_configure!(run_in_browser)` (that would make the node
# run skip it).  A suite that the runner skips, or that has no tests, fails here
# instead of passing silently.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

TEST_NAME="${WASM_TEST_NAME:-wasm}"
mode="${1:-}"
case "$mode" in
    node)
        cmd=(wasm-pack test --node --test "$TEST_NAME")
        ;;
    chrome)
        driver="$(command -v chromedriver)" || {
            echo "wasm-test.sh: chromedriver not on PATH (run: scripts/setup.sh browser)" >&2
            exit 1
        }
        # webdriver.json (repo root, read from the current directory by the
        # test runner) sets the Chromium binary and its flags.
        export WASM_BINDGEN_USE_BROWSER=1
        cmd=(wasm-pack test --headless --chrome --chromedriver "$driver" --test "$TEST_NAME")
        ;;
    *)
        echo "usage: $0 node|chrome" >&2
        exit 2
        ;;
esac

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

echo "${cmd[*]}"
"${cmd[@]}" 2>&1 | tee "$log"

if grep -q -E 'so skipping|no tests to run!' "$log"; then
    echo "wasm-test.sh: the $mode run of tests/$TEST_NAME.rs ran no test (see above)" >&2
    exit 1
fi
