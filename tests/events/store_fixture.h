#pragma once

// A real store in a temporary directory, with a clock the test controls.

#include <atomic>
#include <memory>
#include <string>

#include "events/command_handler.h"
#include "events/store.h"
#include "tests/support/temp_dir.h"

namespace mandate::testing {

inline constexpr int64_t kStartMicros = 1'767'225'600'000'000;  // 2026-01-01T00:00:00Z

class StoreFixture {
 public:
  StoreFixture() { reopen(); }

  events::EventStore& store() { return *store_; }
  events::EventStore* operator->() { return store_.get(); }
  // The commands of this store (a new handler, with nothing kept, after reopen()).
  events::CommandHandler& commands() { return *commands_; }

  void close() {
    commands_.reset();
    store_.reset();
  }
  void reopen() {
    close();
    events::StoreOptions options;
    options.path = dir_.sub("data");
    options.clock = [this] { return core::Instant{now_.load()}; };
    auto opened = events::EventStore::open(std::move(options));
    if (!opened.ok()) throw std::runtime_error(opened.error().message);
    store_ = std::move(opened).value();
    commands_ = std::make_unique<events::CommandHandler>(*store_);
  }
  core::Result<std::unique_ptr<events::EventStore>> try_open() {
    events::StoreOptions options;
    options.path = dir_.sub("data");
    options.clock = [this] { return core::Instant{now_.load()}; };
    return events::EventStore::open(std::move(options));
  }

  void advance_clock(int64_t micros) { now_ += micros; }
  int64_t now() const { return now_.load(); }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
  std::atomic<int64_t> now_{kStartMicros};
  std::unique_ptr<events::EventStore> store_;
  std::unique_ptr<events::CommandHandler> commands_;
};

inline core::NewEvent agency_event(const std::string& id) {
  return core::NewEvent{core::AgencyRegistered{id, "Công an tỉnh " + id, "", "police"}, {}};
}

inline core::Decision one(const std::string& stream, uint64_t expected, int count = 1) {
  core::StreamWrite w{stream, expected, {}};
  for (int i = 0; i < count; ++i)
    w.events.push_back(agency_event(stream + "-" + std::to_string(i)));
  return core::Decision{w};
}

inline events::AppendContext ctx() {
  return events::AppendContext{core::Actor{"admin", ""}, "corr-1", "cause-1"};
}

}  // namespace mandate::testing
