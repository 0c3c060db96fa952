#pragma once

// Feeds projections from the log, in order, after each commit: one thread follows a
// subscription and applies every event to every projection under an exclusive lock. Readers
// take the shared lock through read(), and can wait until a position they wrote is applied
// (read-your-writes).
//
// Each projection resumes from its newest snapshot (projections/snapshot_store.h) instead of
// position 1, and the runner snapshots every projection each `snapshot_every` events and when
// it stops, so a restart replays only the tail of the log.
//
// Thread-safety: all public methods may be called from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "events/position_listeners.h"
#include "events/store.h"
#include "events/subscription.h"
#include "projections/projection.h"

namespace mandate::projections {

struct RunnerOptions {
  // Snapshot every projection after this many events (and on stop()); 0: never, and start()
  // ignores snapshots too.
  uint64_t snapshot_every = 50'000;
};

class ProjectionRunner {
 public:
  // `store` and every projection must outlive the runner. The store must have been opened
  // with each projection's snapshot family (Views::column_families()) unless snapshots are
  // off. Call start() once.
  ProjectionRunner(const events::EventStore& store, std::vector<Projection*> projections,
                   RunnerOptions options = {});
  ~ProjectionRunner();
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  // Loads each projection's newest snapshot and starts following the log from there.
  void start();
  // Stops the follower thread and snapshots what was applied since the last snapshot;
  // applied() stays where it was.
  void stop();

  // Where start() resumed: the oldest of the projections' snapshots (0: from the beginning).
  uint64_t resumed_from() const { return resumed_from_; }

  // The last position applied to every projection.
  uint64_t applied() const { return applied_.load(); }
  // True when the projections have applied everything committed so far.
  bool caught_up() const { return applied() >= store_.head().position; }
  // Blocks until applied() >= position or the timeout passes; true when reached.
  bool wait_applied(uint64_t position, std::chrono::milliseconds timeout) const;
  // Set when the log could not be read: the projections stopped at applied().
  std::string failure() const;

  // Registers fn(applied), called on the follower thread each time applied() moves on. It must
  // be quick (post work elsewhere). Returns an id for remove_applied_listener.
  uint64_t add_applied_listener(std::function<void(uint64_t)> fn);
  void remove_applied_listener(uint64_t id);

  // Runs fn() with the projections held still (shared lock): they may be read, not changed.
  template <typename Fn>
  auto read(Fn&& fn) const {
    std::shared_lock lock(views_mu_);
    return fn();
  }

 private:
  void follow();
  void snapshot_all(uint64_t position);

  const events::EventStore& store_;
  std::vector<Projection*> projections_;
  RunnerOptions options_;
  // Per projection: the position its state already includes (from a snapshot).
  std::vector<uint64_t> loaded_at_;
  uint64_t resumed_from_ = 0;
  uint64_t last_snapshot_ = 0;  // Follower thread, then stop().
  mutable std::shared_mutex views_mu_;
  std::atomic<uint64_t> applied_{0};
  mutable std::mutex applied_mu_;
  mutable std::condition_variable applied_cv_;
  std::string failure_;
  std::unique_ptr<events::Subscription> subscription_;
  events::PositionListeners listeners_;
  std::thread thread_;
};

}  // namespace mandate::projections
