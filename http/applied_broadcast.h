#pragma once

// One listener on the views' progress for every open GET /v1/views/changes stream. The runner
// tells it of each applied batch in the commit path; it wakes the parked streams from a thread
// of its own, at most once per interval. So the commit path pays one notify however many
// dashboards are open (it called every stream's listener itself before: 1,000 per batch), and
// under a burst of commits each stream gets a message per interval rather than one per batch;
// a commit after a quiet spell is told at once. A message says only the latest position, so
// nothing is lost by telling less often.
//
// Thread-safe. `runner` must outlive it.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

#include "events/position_listeners.h"
#include "projections/runner.h"

namespace mandate::http {

class AppliedBroadcast {
 public:
  // 50 ms: a page cannot show changes faster than that, and 1,000 streams then cost at most
  // 20,000 messages/s however fast the log moves.
  static constexpr std::chrono::milliseconds kInterval{50};

  explicit AppliedBroadcast(projections::ProjectionRunner& runner,
                            std::chrono::milliseconds interval = kInterval);
  ~AppliedBroadcast();
  AppliedBroadcast(const AppliedBroadcast&) = delete;
  AppliedBroadcast& operator=(const AppliedBroadcast&) = delete;

  // `wake` is called, from the broadcast's thread, after the views have moved; it must be quick
  // and must not add or remove. Returns an id for remove().
  uint64_t add(std::function<void()> wake);
  void remove(uint64_t id);

 private:
  void run();

  projections::ProjectionRunner& runner_;
  const std::chrono::milliseconds interval_;
  events::PositionListeners wakes_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool moved_ = false;
  bool stopping_ = false;
  uint64_t listener_ = 0;
  std::thread thread_;
};

}  // namespace mandate::http
