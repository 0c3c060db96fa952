#include "projections/runner.h"

#include <algorithm>
#include <future>
#include <iostream>

#include "projections/snapshot_store.h"

namespace mandate::projections {
namespace {

// How many events are applied under one hold of the exclusive lock: large enough to replay
// fast, small enough that readers never wait long.
constexpr size_t kBatch = 1024;

void log_error(const std::string& msg, const std::string& detail) {
  std::cerr << R"({"level":"error","msg":")" << msg << R"(","detail":")" << detail << "\"}"
            << std::endl;
}

}  // namespace

ProjectionRunner::ProjectionRunner(events::EventStore& store, std::vector<Projection*> projections,
                                   RunnerOptions options)
    : store_(store),
      projections_(std::move(projections)),
      options_(options),
      loaded_at_(projections_.size(), 0) {}

ProjectionRunner::~ProjectionRunner() { stop(); }

void ProjectionRunner::start() {
  if (options_.snapshots.every > 0) {
    const SnapshotStore snapshots(store_);
    const uint64_t head = store_.head().position;
    auto each = snapshots.load_each(projections_, head);
    for (size_t i = 0; i < projections_.size(); ++i) {
      auto& loaded = each[i];
      if (!loaded.ok()) {
        // Replaying from the start is always correct; a snapshot only saves time.
        log_error("snapshot not loaded", loaded.error().message);
        projections_[i]->clear();
      }
      loaded_at_[i] = loaded.value_or(0);
    }
  }
  resumed_from_ = loaded_at_.empty() ? 0 : *std::min_element(loaded_at_.begin(), loaded_at_.end());
  last_snapshot_ = resumed_from_;
  applied_.store(resumed_from_);
  started_ = true;
  store_.set_commit_observer([this](const events::CommittedEvents& events) { on_commit(events); });
  follower_ = std::thread([this] { follow(); });
}

void ProjectionRunner::stop() {
  if (!started_) return;
  started_ = false;
  stopping_.store(true);
  store_.set_commit_observer(nullptr);  // Waits for a batch being applied.
  if (follower_.joinable()) follower_.join();
  {
    std::unique_lock lock(snapshot_mu_);
    if (snapshotter_.joinable()) snapshotter_.join();
  }
  if (options_.snapshots.every > 0 && failure().empty() && applied() > last_snapshot_) {
    last_snapshot_ = snapshot_all();
  }
}

size_t ProjectionRunner::apply_in_order(const std::vector<const core::RecordedEvent*>& events) {
  size_t applied = 0;
  uint64_t next = applied_.load() + 1;
  for (const auto* event : events) {
    if (event->position < next) continue;
    if (event->position > next) break;
    for (size_t i = 0; i < projections_.size(); ++i) {
      if (event->position > loaded_at_[i]) projections_[i]->apply(*event);
    }
    ++next;
    ++applied;
  }
  if (applied > 0) applied_.store(next - 1);
  return applied;
}

void ProjectionRunner::on_commit(const events::CommittedEvents& events) {
  size_t applied = 0;
  {
    std::unique_lock lock(views_mu_);
    applied = apply_in_order(events);
  }
  if (applied == 0) return;  // Still the follower's to reach.
  advance(applied_.load(), /*patient=*/false);
}

void ProjectionRunner::advance(uint64_t position, bool patient) {
  { std::lock_guard lock(applied_mu_); }  // Orders the store above before a waiter's check.
  applied_cv_.notify_all();
  listeners_.notify(position);
  maybe_snapshot(position, patient);
}

void ProjectionRunner::follow() {
  // Replays what was committed before start() (and whatever the commits leave to it) until a
  // read finds nothing left: every later batch is then applied as it commits.
  while (!stopping_.load()) {
    const uint64_t from = applied_.load() + 1;
    auto batch = store_.read_all(from, kBatch);
    if (!batch.ok()) {
      std::lock_guard lock(applied_mu_);
      failure_ = batch.error().message;
      log_error("projections stopped", failure_);
      applied_cv_.notify_all();
      return;
    }
    if (batch->empty()) return;
    std::vector<const core::RecordedEvent*> events;
    events.reserve(batch->size());
    for (const auto& event : *batch) events.push_back(&event);
    {
      std::unique_lock lock(views_mu_);
      apply_in_order(events);
    }
    advance(applied_.load(), /*patient=*/true);
  }
}

void ProjectionRunner::maybe_snapshot(uint64_t position, bool patient) {
  if (options_.snapshots.every == 0 || stopping_.load()) return;
  // A commit never waits for a snapshot: it starts one on a thread of its own, or leaves it to
  // a later commit while one runs. The follower takes its snapshots itself, in line, so that a
  // replay snapshots exactly on the schedule.
  if (!patient && snapshotting_.load()) return;
  std::unique_lock lock(snapshot_mu_, std::defer_lock);
  if (patient) {
    lock.lock();
  } else if (!lock.try_lock()) {
    return;
  }
  if (position - last_snapshot_ < snapshot_spacing(options_.snapshots, last_snapshot_)) return;
  if (snapshotter_.joinable()) snapshotter_.join();
  if (patient) {
    last_snapshot_ = snapshot_all();
    return;
  }
  last_snapshot_ = position;
  snapshotting_.store(true);
  snapshotter_ = std::thread([this] {
    snapshot_all();
    snapshotting_.store(false);
  });
}

uint64_t ProjectionRunner::snapshot_all() {
  // The views are encoded under the shared lock (readers go on; commits wait for it), side by
  // side since the slowest sets the wait, and written to disk after it.
  std::vector<std::string> encoded(projections_.size());
  uint64_t at = 0;
  {
    std::shared_lock lock(views_mu_);
    at = applied_.load();
    std::vector<std::future<void>> encoding;
    for (size_t i = 0; i < projections_.size(); ++i) {
      encoding.push_back(std::async(std::launch::async, [this, i, at, &encoded] {
        encoded[i] = SnapshotStore::encode(*projections_[i], at);
      }));
    }
    for (auto& one : encoding) one.get();
  }
  const SnapshotStore snapshots(store_);
  std::vector<std::future<core::Status>> saving;
  for (size_t i = 0; i < projections_.size(); ++i) {
    saving.push_back(std::async(std::launch::async, [&, i]() -> core::Status {
      RETURN_IF_ERROR(snapshots.save_encoded(*projections_[i], at, encoded[i]));
      // Only once the new one is on disk: a failed save leaves the older ones as they were.
      auto thinned = snapshots.thin(*projections_[i], options_.snapshots);
      if (!thinned.ok()) log_error("snapshots not thinned", thinned.error().message);
      return core::ok_status();
    }));
  }
  for (auto& one : saving) {
    if (auto saved = one.get(); !saved.ok()) log_error("snapshot not saved", saved.error().message);
  }
  return at;
}

bool ProjectionRunner::wait_applied(uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(applied_mu_);
  return applied_cv_.wait_for(lock, timeout, [&] {
    return applied_.load() >= position || !failure_.empty();
  }) && applied_.load() >= position;
}

uint64_t ProjectionRunner::add_applied_listener(std::function<void(uint64_t)> fn) {
  return listeners_.add(std::move(fn));
}

void ProjectionRunner::remove_applied_listener(uint64_t id) { listeners_.remove(id); }

std::string ProjectionRunner::failure() const {
  std::lock_guard lock(applied_mu_);
  return failure_;
}

}  // namespace mandate::projections
