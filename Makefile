# `make run`: install what is missing, build, serve on 127.0.0.1:8080 with the seed plans.
# `make test`: install what is missing, build, run every test (the fuzzers briefly among them).
# `make fuzz`: build the libFuzzer harnesses (build-fuzz/, clang) and run each FUZZ_SECONDS.
# Both are quick to re-run: packages are checked before apt is asked, and the build is
# incremental.

BUILD_DIR ?= build
DATA_DIR ?= data
LISTEN ?= 127.0.0.1:8080
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)

DEBIAN_PACKAGES := g++ cmake ninja-build pkgconf libboost1.81-dev librocksdb-dev capnproto \
	libcapnp-dev nlohmann-json3-dev catch2 libssl-dev libargon2-dev liboath-dev

# Only for the tests: the browser the dashboard's end-to-end tests drive, and the format check.
TEST_PACKAGES := chromium python3 clang-format git

# Only for the fuzzers (fuzz/): clang, its libFuzzer and sanitizer runtimes, the symbolizer.
FUZZ_PACKAGES := clang libclang-rt-14-dev llvm-14

# The fuzz tree: the libraries the harnesses feed and the harnesses, by clang with ASan and UBSan
# (-O1, line tables for the stack traces), apart from build/.
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := http_request json_body plan_file envelope payload snapshot
# The end-to-end tests whose requests seed the corpora: all but those of the command line and
# restarts, which send little of their own.
FUZZ_SEED_TESTS := "~[cli]~[restart]~[rebuild]~[sse]"

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The dashboard (web/): built by Vite into web/dist, served by `mandate serve --web web/dist`.
# Rebuilt only when its sources or its lock file change.
WEB_SOURCES := $(wildcard web/src/*.ts web/src/*.tsx web/src/*.css web/src/views/*.tsx \
	web/public/*) web/index.html web/vite.config.ts web/tsconfig.json web/package.json

.PHONY: all deps test-deps fuzz-deps node-deps web build fuzz-build test fuzz fuzz-seeds run \
	bench format clean

all: build

deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "installing: $$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

test-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(TEST_PACKAGES)"

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEBIAN_PACKAGES="$(FUZZ_PACKAGES)"

# Node and npm from Debian when there are none; a Node older than Vite needs is said plainly.
node-deps:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
	  $(MAKE) --no-print-directory deps DEBIAN_PACKAGES="nodejs npm"; \
	fi
	@node web/scripts/check-node.cjs

web/node_modules/.package-lock.json: web/package-lock.json | node-deps
	cd web && npm ci --no-audit --no-fund
	@touch $@

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && npm run build

web: web/dist/index.html

$(BUILD_DIR)/build.ninja: | deps node-deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

$(FUZZ_BUILD_DIR)/build.ninja: | deps fuzz-deps
	cmake -S . -B $(FUZZ_BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DMANDATE_FUZZ=ON -DMANDATE_BUILD_TESTS=OFF

fuzz-build: deps fuzz-deps $(FUZZ_BUILD_DIR)/build.ninja
	cmake --build $(FUZZ_BUILD_DIR) -j $(JOBS)

# The fuzz tree's ctest runs each harness over its committed corpus and regressions, then fuzzes
# it a few seconds (fuzz/CMakeLists.txt).
test: build web test-deps fuzz-build
	MANDATE_WEB_REQUIRED=1 ctest --test-dir $(BUILD_DIR) -j $(JOBS) --output-on-failure --timeout 600
	ctest --test-dir $(FUZZ_BUILD_DIR) -j $(JOBS) --output-on-failure --timeout 300

# Each harness in turn for FUZZ_SECONDS after its corpus; new inputs are kept in
# $(FUZZ_BUILD_DIR)/corpus/, crashes in fuzz/crashes/ (to be moved to fuzz/regressions/ once
# fixed: fuzz/README.md). Each one's log is in $(FUZZ_BUILD_DIR)/logs/. Fails if one crashed.
fuzz: fuzz-build
	@mkdir -p $(FUZZ_BUILD_DIR)/logs; failed=; \
	for t in $(FUZZ_TARGETS); do \
	  log=$(FUZZ_BUILD_DIR)/logs/$$t.log; \
	  if fuzz/run $(FUZZ_BUILD_DIR)/fuzz/$${t}_fuzz $$t $(FUZZ_SECONDS) \
	       $(FUZZ_BUILD_DIR)/corpus/$$t fuzz/crashes > $$log 2>&1; then \
	    echo "$$t: $$(grep -E '^#[0-9]+.*(DONE|pulse)' $$log | tail -1)"; \
	  else \
	    failed="$$failed $$t"; tail -40 $$log; echo "$$t: CRASHED (log: $$log)"; \
	  fi; \
	done; \
	if [ -n "$$failed" ]; then echo "crashed:$$failed; inputs in fuzz/crashes/"; exit 1; fi

# Regenerates fuzz/corpus/ from the tests (fuzz/README.md): the end-to-end tests' requests as
# they send them, and a generated history's events and views.
fuzz-seeds: build
	rm -rf $(BUILD_DIR)/recorded-requests && mkdir -p $(BUILD_DIR)/recorded-requests
	MANDATE_RECORD_REQUESTS=$(abspath $(BUILD_DIR))/recorded-requests \
	  $(BUILD_DIR)/tests/e2e/e2e_tests $(FUZZ_SEED_TESTS)
	cmake --build $(BUILD_DIR) --target fuzz_seed_writer
	$(BUILD_DIR)/fuzz/fuzz_seed_writer $(BUILD_DIR)/recorded-requests .

run: build web
	@echo "Mandate on http://$(LISTEN)/ with data in $(DATA_DIR)/ (seed plans loaded on first start)."
	@echo "Dashboard: sign in as admin with the first password in $(DATA_DIR)/admin.password (written on first start; you change it then)."
	@echo "API: curl -H \"Authorization: Bearer \$$(cat $(DATA_DIR)/admin.token)\" http://$(LISTEN)/v1/plans"
	@echo "Stop with Ctrl-C."
	$(BUILD_DIR)/tools/mandate serve --data $(DATA_DIR) --listen $(LISTEN) --seed plans --web web/dist

# Every benchmark, beside PostgreSQL, in its own Release build (build-bench/): bench/README.md.
bench:
	bench/run

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR)
