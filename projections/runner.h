#pragma once

// Feeds projections from the log, in order. Once caught up, the views apply each synced batch
// on the thread that wrote it, before the batch's appends return (EventStore's commit
// observer): a command answers only once the views show it, with no thread in between and
// nothing decoded again. At start, a follower thread first replays from the projections'
// snapshots to the head, while commits already go on: a batch that arrives before the follower
// reached it is left to the follower, and the follower ends once nothing is left.
//
// Readers take the shared lock through read(), and can wait until a position they wrote is
// applied (read-your-writes).
//
// Each projection resumes from its newest snapshot (projections/snapshot_store.h) instead of
// position 1, and the runner snapshots every projection on the schedule of
// projections/snapshot_retention.h (on a thread of its own, holding the views still only while
// they are encoded) and when it stops, so a restart replays only the tail of the log; after
// each snapshot it removes those the schedule no longer keeps.
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
#include "projections/projection.h"
#include "projections/snapshot_retention.h"

namespace mandate::projections {

struct RunnerOptions {
  // When every projection is snapshot (and on stop()) and how many snapshots are kept;
  // snapshots.every == 0: never, and start() ignores snapshots too.
  SnapshotSchedule snapshots;
};

class ProjectionRunner {
 public:
  // `store` and every projection must outlive the runner. The store must have been opened
  // with each projection's snapshot family (Views::column_families()) unless snapshots are
  // off. Call start() once.
  ProjectionRunner(events::EventStore& store, std::vector<Projection*> projections,
                   RunnerOptions options = {});
  ~ProjectionRunner();
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  // Loads each projection's newest snapshot, starts catching up from there, and applies every
  // batch committed from now on.
  void start();
  // Stops applying commits (later ones are left to the next start), waits for the follower and
  // a snapshot in progress, and snapshots what was applied since the last snapshot; applied()
  // stays where it was.
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

  // Registers fn(applied), called each time applied() moves on, on the thread that applied it
  // (a command's, or the follower). It must be quick (post work elsewhere). Returns an id for
  // remove_applied_listener.
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
  // Applies the events that come next after applied() and returns how many it applied; events
  // already applied are passed over, and it stops at a gap (left to the follower).
  size_t apply_in_order(const std::vector<const core::RecordedEvent*>& events);
  void on_commit(const events::CommittedEvents& events);
  // Wakes those waiting for `position` and tells the listeners; then maybe_snapshot().
  void advance(uint64_t position, bool patient);
  // Snapshots when the schedule's spacing has passed since the last one: a patient caller (the
  // follower) in line, after one still running; a commit on a thread of its own, unless one
  // runs already.
  void maybe_snapshot(uint64_t position, bool patient);
  // Snapshots every projection as it stands and thins the older ones; returns the position it
  // was taken at.
  uint64_t snapshot_all();

  events::EventStore& store_;
  std::vector<Projection*> projections_;
  RunnerOptions options_;
  // Per projection: the position its state already includes (from a snapshot).
  std::vector<uint64_t> loaded_at_;
  uint64_t resumed_from_ = 0;
  mutable std::shared_mutex views_mu_;
  std::atomic<uint64_t> applied_{0};  // Changed only under views_mu_ held exclusively.
  mutable std::mutex applied_mu_;
  mutable std::condition_variable applied_cv_;
  std::string failure_;
  std::atomic<bool> stopping_{false};
  bool started_ = false;
  events::PositionListeners listeners_;
  std::thread follower_;

  // One snapshot at a time, on its own thread; guarded by snapshot_mu_.
  std::mutex snapshot_mu_;
  uint64_t last_snapshot_ = 0;  // The position of the last snapshot taken or begun.
  std::atomic<bool> snapshotting_{false};
  std::thread snapshotter_;
};

}  // namespace mandate::projections
