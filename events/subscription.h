#pragma once

// A reader that catches up from a position and then follows live appends, without polling:
// it blocks on the store's commit notification when it has read everything.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <vector>

#include "core/event.h"
#include "core/result.h"
#include "events/store.h"

namespace mandate::events {

// Thread-safety: next() from one thread at a time; cancel() from any thread.
// `store` must outlive the subscription.
class Subscription {
 public:
  // Delivers every event with position >= from, each once, in order.
  Subscription(const EventStore& store, uint64_t from);
  Subscription(const Subscription&) = delete;
  Subscription& operator=(const Subscription&) = delete;

  // The next events, at most `max`. When none are committed yet, waits up to `wait` for a
  // commit; returns an empty vector on timeout or after cancel(). kCorrupt when the log is
  // damaged at the next position.
  core::Result<std::vector<core::RecordedEvent>> next(size_t max, std::chrono::milliseconds wait);

  // Makes a blocked next() return at once, and every later one return empty.
  void cancel();

  bool cancelled() const { return cancelled_.load(); }

  // The position the next event will have.
  uint64_t next_position() const { return next_; }

 private:
  const EventStore& store_;
  uint64_t next_;
  std::atomic<bool> cancelled_{false};
};

}  // namespace mandate::events
