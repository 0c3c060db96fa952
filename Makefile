# `make run`: install what is missing, build, serve on 127.0.0.1:8080 with the seed plans.
# `make test`: install what is missing, build, run every test.
# Both are quick to re-run: packages are checked before apt is asked, and the build is
# incremental.

BUILD_DIR ?= build
DATA_DIR ?= data
LISTEN ?= 127.0.0.1:8080
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)

DEBIAN_PACKAGES := g++ cmake ninja-build pkgconf libboost1.81-dev librocksdb-dev capnproto \
	libcapnp-dev nlohmann-json3-dev catch2 libssl-dev libargon2-dev liboath-dev

# Only for the tests: the browser the dashboard's end-to-end tests drive.
TEST_PACKAGES := chromium python3

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# The dashboard (web/): built by Vite into web/dist, served by `mandate serve --web web/dist`.
# Rebuilt only when its sources or its lock file change.
WEB_SOURCES := $(wildcard web/src/*.ts web/src/*.tsx web/src/*.css web/src/views/*.tsx \
	web/public/*) web/index.html web/vite.config.ts web/tsconfig.json web/package.json

.PHONY: all deps test-deps node-deps web build test run bench format clean

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

test: build web test-deps
	MANDATE_WEB_REQUIRED=1 ctest --test-dir $(BUILD_DIR) -j $(JOBS) --output-on-failure --timeout 600

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
