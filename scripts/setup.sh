#!/usr/bin/env bash
# Install the development tools for authx-wasm, each only if it is missing.
#
#   scripts/setup.sh rust      rustup target + components, wasm-bindgen-cli, wasm-pack
#   scripts/setup.sh npm       node_modules from the committed package-lock.json (wasm-opt, jose)
#   scripts/setup.sh python    .venv with tests/interop/requirements.txt (authx)
#   scripts/setup.sh browser   Debian chromium + chromium-driver (browser tests)
#   scripts/setup.sh all       all of the above
#
# Several groups may be given at once (e.g. `scripts/setup.sh rust npm`).
# Every check is cheap, so a second run installs nothing and prints one
# "ok ..." line per tool.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
export PATH="$ROOT/node_modules/.bin:$CARGO_BIN:$PATH"

# Pinned tool versions (wasm-bindgen-cli is pinned by Cargo.lock instead).
WASM_PACK_VERSION="0.15.1"
WASM_TARGET="wasm32-unknown-unknown"
VENV="$ROOT/.venv"
REQUIREMENTS="$ROOT/tests/interop/requirements.txt"

ok() { echo "ok $*"; }
installing() { echo "installing $*"; }
die() { echo "setup.sh: error: $*" >&2; exit 1; }

# Run a command as root: directly when we are root, else through sudo.
as_root() {
    if [[ $EUID -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root (or sudo) to run: $*"
    fi
}

# ---------------------------------------------------------------- rust

setup_wasm_target() {
    if rustup target list --installed | grep -qx "$WASM_TARGET"; then
        ok "rustup target $WASM_TARGET"
    else
        installing "rustup target $WASM_TARGET"
        rustup target add "$WASM_TARGET"
    fi
}

# rustfmt and clippy are needed by `make test` (cargo fmt --check, cargo clippy).
setup_rust_components() {
    local comp installed
    installed="$(rustup component list --installed)"
    for comp in rustfmt clippy; do
        if grep -q "^$comp" <<<"$installed"; then
            ok "rustup component $comp"
        else
            installing "rustup component $comp"
            rustup component add "$comp"
        fi
    done
}

# The version of the `wasm-bindgen` crate in Cargo.lock: the CLI must match it
# exactly, otherwise wasm-pack tries to download a prebuilt one (which fails here).
locked_wasm_bindgen_version() {
    if [[ ! -f Cargo.lock ]]; then
        echo "generating Cargo.lock" >&2
        cargo generate-lockfile >&2
    fi
    awk '
        $0 == "name = \"wasm-bindgen\"" { want = 1; next }
        want && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock
}

setup_wasm_bindgen() {
    local want have=""
    want="$(locked_wasm_bindgen_version)"
    [[ -n "$want" ]] || die "no wasm-bindgen package in Cargo.lock"
    if command -v wasm-bindgen >/dev/null 2>&1; then
        have="$(wasm-bindgen --version | awk '{print $2}')"
    fi
    if [[ "$have" == "$want" ]]; then
        ok "wasm-bindgen $have"
    else
        installing "wasm-bindgen-cli $want${have:+ (found $have)}"
        # No --locked: installing with --locked fails for this crate here.
        cargo install wasm-bindgen-cli --version "$want"
    fi
}

setup_wasm_pack() {
    if command -v wasm-pack >/dev/null 2>&1; then
        local have
        have="$(wasm-pack --version | awk '{print $2}')"
        ok "wasm-pack $have"
        if [[ "$have" != "$WASM_PACK_VERSION" ]]; then
            echo "   (note: pinned version is $WASM_PACK_VERSION)"
        fi
    else
        installing "wasm-pack $WASM_PACK_VERSION"
        cargo install wasm-pack --version "$WASM_PACK_VERSION"
    fi
}

setup_rust() {
    setup_wasm_target
    setup_rust_components
    setup_wasm_bindgen
    setup_wasm_pack
}

# ----------------------------------------------------------------- npm

setup_npm() {
    command -v npm >/dev/null 2>&1 || die "npm not found (Node.js 20+ is required)"
    [[ -f package-lock.json ]] || die "package-lock.json is missing (run 'npm install' and commit it)"
    if [[ ! -f node_modules/.package-lock.json ]] ||
        [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
        installing "npm packages (npm ci)"
        npm ci --no-audit --no-fund --loglevel=error
    fi
    local v
    v="$(node_modules/.bin/wasm-opt --version)" || die "node_modules/.bin/wasm-opt does not run"
    ok "wasm-opt ${v#wasm-opt version }"
    ok "jose $(node -p 'require("./node_modules/jose/package.json").version')"
}

# -------------------------------------------------------------- python

venv_is_current() {
    [[ -x "$VENV/bin/python" ]] &&
        [[ -f "$VENV/.stamp" ]] &&
        [[ ! "$REQUIREMENTS" -nt "$VENV/.stamp" ]] &&
        "$VENV/bin/python" -c "import authx" >/dev/null 2>&1
}

setup_python() {
    [[ -f "$REQUIREMENTS" ]] || die "$REQUIREMENTS is missing"
    if ! venv_is_current; then
        installing "python venv .venv ($(grep -v '^#' "$REQUIREMENTS" | xargs))"
        rm -rf "$VENV"
        python3 -m venv "$VENV"
        "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS"
        "$VENV/bin/python" -c "import authx"
        touch "$VENV/.stamp"
    fi
    ok "authx $("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("authx"))')"
}

# ------------------------------------------------------------- browser

setup_browser() {
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
        installing "chromium chromium-driver (apt)"
        export DEBIAN_FRONTEND=noninteractive
        as_root apt-get update -qq
        as_root apt-get install -y -qq chromium chromium-driver
    fi
    ok "$(chromium --version 2>/dev/null | head -n1)"
    ok "$(chromedriver --version 2>/dev/null | head -n1 | awk '{print $1, $2}')"
}

# ---------------------------------------------------------------- main

usage() {
    echo "usage: $0 rust|npm|python|browser|all ..." >&2
    exit 2
}

[[ $# -gt 0 ]] || usage
for group in "$@"; do
    case "$group" in
        rust) setup_rust ;;
        npm) setup_npm ;;
        python) setup_python ;;
        browser) setup_browser ;;
        all) setup_rust; setup_npm; setup_python; setup_browser ;;
        *) usage ;;
    esac
done
