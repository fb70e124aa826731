# authx-wasm developer tasks.
#
#   make setup      install the build tools (rust, npm, python), each only if missing
#   make build      wasm-pack builds into pkg/node (Node, CommonJS), pkg/web (browsers, Workers, Deno)
#                   and pkg/hmac (the HMAC-only build of authx-wasm/hmac)
#   make demo       build, then run examples/demo.mjs
#   make www        serve the playground (www/) on http://127.0.0.1:5173 (make www PORT=8080)
#   make test       fmt, clippy, native tests, wasm tests (node + headless chrome), JS tests
#   make test-rust | test-wasm | test-js     parts of `make test`
#   make bench      build, then the benchmark (Node, workerd, sizes, start-up, memory) into out/bench/
#   make bench-memory | bench-profile        the memory part alone; CPU profiles of the slow operations
#   make bench-variants                      size and speed of other optimisation settings (slow: rebuilds)
#   make clean      remove build output (distclean also removes node_modules and .venv)
#
# All tool installs live in scripts/setup.sh.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
# Targets run one after another, in the order their prerequisites are listed,
# even under `make -j`.
.NOTPARALLEL:

# wasm-pack uses the wasm-opt (npm binaryen) and wasm-bindgen (cargo install)
# found on PATH, so it never tries to download them.
CARGO_BIN := $(or $(CARGO_HOME),$(HOME)/.cargo)/bin
export PATH := $(CURDIR)/node_modules/.bin:$(CARGO_BIN):$(PATH)
# Python with authx for the interop tests (tests/interop/).
export AUTHX_PYTHON := $(CURDIR)/.venv/bin/python

SETUP := scripts/setup.sh
# One Rust build, two wasm-bindgen outputs: `nodejs` (CommonJS, loads the
# .wasm synchronously) and `web` (ES module with init/initSync, used by the
# browser, bundler, Deno and Workers entries). The entries in pkg/ are hand-written.
WASM_PACK_BUILD = wasm-pack build --release --target $(1) --out-dir pkg/$(2) --out-name authx_wasm --no-pack
# The HMAC-only build (cargo features off) behind authx-wasm/hmac: one `web`
# build, which Node instantiates from the bytes too (pkg/hmac-node.mjs). Its own
# target dir, so that neither feature set rebuilds the other's dependencies.
# It keeps the main build's speed settings: opt-level "z" (sha2 too) with
# wasm-opt -Oz saved only about 4 KB gzip (5 %) and costs 15-30 % of the speed
# (BENCHMARKS.md, Size).
HMAC_BUILD = CARGO_TARGET_DIR=target/hmac wasm-pack build --release --target web \
	--out-dir pkg/hmac --out-name authx_wasm --no-pack --no-opt -- --no-default-features
HMAC_WASM_OPT = wasm-opt -Os --enable-bulk-memory --enable-nontrapping-float-to-int \
	--enable-sign-ext --enable-mutable-globals pkg/hmac/authx_wasm_bg.wasm -o pkg/hmac/authx_wasm_bg.wasm
JS_TEST_GLOBS := tests/js/*.test.mjs tests/interop/*.test.mjs tests/workerd/*.test.mjs \
	tests/browser/*.test.mjs tests/package/*.test.mjs

.PHONY: help setup setup-rust setup-npm setup-python setup-browser \
	build demo www test test-rust test-wasm test-js bench bench-memory bench-profile bench-variants clean distclean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

# ---------------------------------------------------------------- setup

setup: setup-rust setup-npm setup-python

setup-rust:
	@bash $(SETUP) rust

setup-npm:
	@bash $(SETUP) npm

setup-python:
	@bash $(SETUP) python

setup-browser:
	@bash $(SETUP) browser

# ---------------------------------------------------------------- build

# pkg/node/package.json says "commonjs" whatever a package.json further up
# declares (the root one is "type": "module").
build: setup-rust setup-npm
	rm -rf pkg/node pkg/web pkg/hmac
	$(call WASM_PACK_BUILD,nodejs,node)
	$(call WASM_PACK_BUILD,web,web)
	$(HMAC_BUILD)
	$(HMAC_WASM_OPT)
	printf '{\n  "type": "commonjs"\n}\n' > pkg/node/package.json
	printf '{\n  "type": "module"\n}\n' > pkg/web/package.json
	printf '{\n  "type": "module"\n}\n' > pkg/hmac/package.json
	rm -f pkg/node/.gitignore pkg/web/.gitignore pkg/hmac/.gitignore

demo: setup build
	node examples/demo.mjs

# The playground; builds the package only when pkg/web is missing.
www: setup-npm
	@test -f pkg/web/authx_wasm_bg.wasm || $(MAKE) --no-print-directory build
	@bash scripts/www.sh

# ----------------------------------------------------------------- test

# Order matters: node's test runner goes last, its summary closes the output.
test: setup setup-browser test-rust test-wasm test-js

test-rust: setup-rust
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo test
	# The build without RSA (cargo feature rsa off) keeps compiling and passing.
	cargo clippy --no-default-features --features asymmetric --all-targets -- -D warnings
	cargo test --no-default-features --features asymmetric --lib --test asymmetric
	# The HMAC-only build (every feature off), natively and for wasm32 (the binding layer).
	cargo clippy --no-default-features --all-targets -- -D warnings
	cargo clippy --no-default-features --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo test --no-default-features --lib --test native

test-wasm: setup-rust setup-npm setup-browser build
	@bash scripts/wasm-test.sh node
	@bash scripts/wasm-test.sh chrome
	@WASM_TEST_NAME=wasm_keys bash scripts/wasm-test.sh node
	@WASM_TEST_NAME=wasm_keys bash scripts/wasm-test.sh chrome

test-js: setup-npm setup-python setup-browser build
	@shopt -s nullglob; files=($(JS_TEST_GLOBS)); \
	if (( $${#files[@]} == 0 )); then \
		echo "test-js: no files match $(JS_TEST_GLOBS); skipping"; \
	else \
		echo "node --test $${files[*]}"; \
		node --test "$${files[@]}"; \
	fi

# ---------------------------------------------------------------- bench

# Benchmarks, not tests: nothing here fails on speed. Results go to out/bench/;
# BENCHMARKS.md explains them. BENCH_ARGS=--quick makes a short smoke run.
bench: setup-npm build
	node bench/run.mjs $(BENCH_ARGS)

bench-memory: setup-npm build
	node bench/run.mjs --only=memory $(BENCH_ARGS)

# CPU profiles (node --cpu-prof) of this package's operations, on a copy of the
# build that keeps the wasm function names (out/bench/named/), summarised.
bench-profile: setup-npm build
	node bench/profile.mjs $(BENCH_ARGS)

# The same sources built with other opt-levels, wasm-opt levels and simd128
# (separate cargo target dirs under out/bench/), measured against the shipped build.
bench-variants: setup-rust setup-npm build
	node bench/variants.mjs $(BENCH_ARGS)

# ---------------------------------------------------------------- clean

clean:
	rm -rf target pkg/node pkg/web pkg/hmac pkg/bundler pkg/workerd out *.tgz

distclean: clean
	rm -rf node_modules .venv
