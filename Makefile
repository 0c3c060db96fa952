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
	libcapnp-dev nlohmann-json3-dev catch2 libssl-dev

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps build test run bench format clean

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

$(BUILD_DIR)/build.ninja: | deps
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: deps $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR) -j $(JOBS)

test: build
	ctest --test-dir $(BUILD_DIR) -j $(JOBS) --output-on-failure --timeout 600

run: build
	@echo "Mandate on http://$(LISTEN)/ with data in $(DATA_DIR)/ (seed plans loaded on first start)."
	@echo "Token: $(DATA_DIR)/admin.token. Try: curl -H \"Authorization: Bearer \$$(cat $(DATA_DIR)/admin.token)\" http://$(LISTEN)/v1/plans"
	@echo "Stop with Ctrl-C."
	$(BUILD_DIR)/tools/mandate serve --data $(DATA_DIR) --listen $(LISTEN) --seed plans

bench: build
	cmake --build $(BUILD_DIR) --target store_bench
	$(BUILD_DIR)/bench/store_bench --runs 3

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR)
