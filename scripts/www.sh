#!/usr/bin/env bash
# Serve the playground (www/) with the Vite dev server on 127.0.0.1.
#
#   scripts/www.sh            # http://127.0.0.1:5173/
#   PORT=8080 scripts/www.sh  # or: scripts/www.sh 8080
#
# Builds nothing: it serves the package as it is in pkg/ (run `make build`
# first if pkg/web/ is missing). Stop with Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${1:-${PORT:-5173}}"
HOST=127.0.0.1

if [[ ! "$PORT" =~ ^[0-9]+$ ]] || (( PORT < 1 || PORT > 65535 )); then
    echo "www.sh: bad port '$PORT'" >&2
    exit 2
fi
if [[ ! -f pkg/web/authx_wasm.js || ! -f pkg/web/authx_wasm_bg.wasm ]]; then
    echo "www.sh: pkg/web/ is missing; run 'make build' first" >&2
    exit 1
fi
VITE="$ROOT/node_modules/.bin/vite"
if [[ ! -x "$VITE" ]]; then
    echo "www.sh: vite is not installed; run 'make setup-npm' (npm ci) first" >&2
    exit 1
fi

echo "authx-wasm playground: http://$HOST:$PORT/"
exec "$VITE" --config www/vite.config.js --host "$HOST" --port "$PORT" --strictPort
