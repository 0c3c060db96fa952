#pragma once

// Feeds projections from the log, in order, after each commit: one thread follows a
// subscription and applies every event to every projection under an exclusive lock. Readers
// take the shared lock through read(), and can wait until a position they wrote is applied
// (read-your-writes).
//
// Thread-safety: all public methods may be called from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "events/store.h"
#include "events/subscription.h"
#include "projections/projection.h"

namespace mandate::projections {

class ProjectionRunner {
 public:
  // `store` and every projection must outlive the runner. Call start() once.
  ProjectionRunner(const events::EventStore& store, std::vector<Projection*> projections);
  ~ProjectionRunner();
  ProjectionRunner(const ProjectionRunner&) = delete;
  ProjectionRunner& operator=(const ProjectionRunner&) = delete;

  // Starts following the log from position 1.
  void start();
  // Stops the follower thread; applied() stays where it was.
  void stop();

  // The last position applied to every projection.
  uint64_t applied() const { return applied_.load(); }
  // True when the projections have applied everything committed so far.
  bool caught_up() const { return applied() >= store_.head().position; }
  // Blocks until applied() >= position or the timeout passes; true when reached.
  bool wait_applied(uint64_t position, std::chrono::milliseconds timeout) const;
  // Set when the log could not be read: the projections stopped at applied().
  std::string failure() const;

  // Runs fn() with the projections held still (shared lock): they may be read, not changed.
  template <typename Fn>
  auto read(Fn&& fn) const {
    std::shared_lock lock(views_mu_);
    return fn();
  }

 private:
  void follow();

  const events::EventStore& store_;
  std::vector<Projection*> projections_;
  mutable std::shared_mutex views_mu_;
  std::atomic<uint64_t> applied_{0};
  mutable std::mutex applied_mu_;
  mutable std::condition_variable applied_cv_;
  std::string failure_;
  events::Subscription subscription_;
  std::thread thread_;
};

}  // namespace mandate::projections
