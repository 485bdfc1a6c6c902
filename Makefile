# StatefulSet Playground: top-level entry points (see CMakePresets.json for the build trees).
#   make deps    install Debian/npm packages (root) and unpack third-party sources
#   make build   native (build/native) + wasm (build/wasm) + browser bundle (build/wasm-web -> build/web)
#   make build-web  the browser bundle only (-Oz, LTO, wasm exceptions)
#   make test    deps, build, asan build, then ctest: asan, wasm (node), native + browser
#   make run     serve the playground at http://127.0.0.1:8080/
#   make bench   build/native/sts-playground bench (engine) + the front end's figures
#   make fuzz    libFuzzer targets in build/fuzz (clang), FUZZ_SECONDS (600) each
#   make clean   remove build/ (make distclean also removes third_party/ and node_modules/)

SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := build
MAKEFLAGS += --no-print-directory
# 2 cores: one ninja -j2 at a time, and prerequisites in the order written.
.NOTPARALLEL:

# emcc's JS optimiser (at -O1 and above) needs Debian's acorn module.
export NODE_PATH := /usr/share/nodejs
# Let ccache hit across clones of the repo in other folders (CI builds in a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
# Node 18+'s global fetch breaks Emscripten 3.1.6's loader: ctest runs wasm tests with this.
WASM_EMULATOR := node;--no-experimental-fetch
PORT ?= 8080

# Configure quietly (warnings and errors only); configuring an existing tree is a fast no-op.
CONFIGURE_FLAGS := --log-level=WARNING

define banner
	@printf '\n==> %s\n' $(1)
endef

.PHONY: deps install-deps third-party build build-native build-wasm build-asan \
        test test-asan test-wasm test-native run bench fuzz clean distclean build-web

deps: install-deps third-party

install-deps:
	$(call banner,"dependencies")
	scripts/install-deps.sh

third-party:
	scripts/fetch-third-party.sh

build: build-native build-wasm

build-native: third-party
	$(call banner,"native build (build/native)")
	cmake --preset native $(CONFIGURE_FLAGS)
	cmake --build --preset native

build-wasm: third-party
	$(call banner,"wasm build (build/wasm, the tests under node)")
	emcmake cmake --preset wasm $(CONFIGURE_FLAGS) -DCMAKE_CROSSCOMPILING_EMULATOR="$(WASM_EMULATOR)"
	cmake --build --preset wasm
	$(MAKE) build-web

# The browser bundle has a tree of its own, compiled for size (-Oz, LTO, wasm exceptions).
build-web: third-party
	$(call banner,"browser bundle (build/wasm-web, bundle in build/web)")
	emcmake cmake --preset wasm-web $(CONFIGURE_FLAGS) -DCMAKE_CROSSCOMPILING_EMULATOR="$(WASM_EMULATOR)"
	cmake --build --preset wasm-web

build-asan: third-party
	$(call banner,"asan build (build/asan)")
	cmake --preset asan $(CONFIGURE_FLAGS)
	cmake --build --preset asan

# The native suite, which includes the browser test, runs last so that the log ends with its
# ctest summary. Make stops at the first failing step, with a non-zero exit.
test: deps build-native build-wasm build-asan test-asan test-wasm test-native

test-asan:
	$(call banner,"ctest: asan")
	ctest --preset asan

test-wasm:
	$(call banner,"ctest: wasm (node)")
	ctest --preset wasm

test-native:
	$(call banner,"ctest: native + browser")
	ctest --preset native

run: deps build
	build/native/sts-playground serve --port $(PORT) --web build/web

# Engine scenarios, plus the front end's figures: native per-frame CPU time (sts_ui_bench) and
# the browser's bundle sizes and first frame (tests/browser/first_frame.mjs, needs the wasm bundle).
bench: build-native build-wasm
	cmake --build --preset native --target sts_ui_bench
	build/native/tests/sts_ui_bench --out build/bench/ui-native.json
	node tests/browser/first_frame.mjs --bin build/native/sts-playground --web build/web --out build/bench/ui-browser.json
	build/native/sts-playground bench

# libFuzzer targets (tests/fuzz) in build/fuzz: clang with STS_FUZZ=ON, everything instrumented
# for coverage with address + undefined-behaviour sanitizers. Each target runs FUZZ_SECONDS (one
# after the other; FUZZ_PARALLEL=1 runs them at once). Findings land in build/fuzz/findings/<t>/
# and fail the target (scripts/fuzz.sh). CI runs the same targets as ctest replay tests instead.
FUZZ_SECONDS ?= 600
FUZZ_PARALLEL ?= 0
fuzz: third-party
	$(call banner,"fuzz build (build/fuzz, clang + libFuzzer)")
	CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja $(CONFIGURE_FLAGS) -DSTS_FUZZ=ON \
	  -DSTS_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug \
	  -DCMAKE_C_FLAGS_DEBUG="-O1 -gline-tables-only" -DCMAKE_CXX_FLAGS_DEBUG="-O1 -gline-tables-only"
	cmake --build build/fuzz -j2 --target fuzz_manifest fuzz_patch fuzz_shell
	$(call banner,"fuzz: $(FUZZ_SECONDS)s per target")
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_PARALLEL=$(FUZZ_PARALLEL) scripts/fuzz.sh

clean:
	rm -rf build

distclean: clean
	rm -rf third_party node_modules
