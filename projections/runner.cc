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
// How long the follower blocks for a commit before re-checking that it should go on.
constexpr std::chrono::milliseconds kIdleWait{500};

void log_error(const std::string& msg, const std::string& detail) {
  std::cerr << R"({"level":"error","msg":")" << msg << R"(","detail":")" << detail << "\"}"
            << std::endl;
}

}  // namespace

ProjectionRunner::ProjectionRunner(const events::EventStore& store,
                                   std::vector<Projection*> projections, RunnerOptions options)
    : store_(store),
      projections_(std::move(projections)),
      options_(options),
      loaded_at_(projections_.size(), 0) {}

ProjectionRunner::~ProjectionRunner() { stop(); }

void ProjectionRunner::start() {
  if (options_.snapshot_every > 0) {
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
  subscription_ = std::make_unique<events::Subscription>(store_, resumed_from_ + 1);
  thread_ = std::thread([this] { follow(); });
}

void ProjectionRunner::stop() {
  if (!subscription_) return;
  subscription_->cancel();
  if (thread_.joinable()) {
    thread_.join();
    if (options_.snapshot_every > 0 && failure().empty() && applied() > last_snapshot_) {
      snapshot_all(applied());
    }
  }
}

void ProjectionRunner::snapshot_all(uint64_t position) {
  // Only this runner changes the projections, so saving needs no lock: readers may go on. The
  // views wait for the slowest save, so they are encoded side by side.
  const SnapshotStore snapshots(store_);
  std::vector<std::future<core::Status>> saving;
  for (const auto* projection : projections_) {
    saving.push_back(std::async(std::launch::async, [&snapshots, projection, position] {
      return snapshots.save(*projection, position);
    }));
  }
  for (auto& one : saving) {
    if (auto saved = one.get(); !saved.ok()) log_error("snapshot not saved", saved.error().message);
  }
  last_snapshot_ = position;
}

void ProjectionRunner::follow() {
  for (;;) {
    auto batch = subscription_->next(kBatch, kIdleWait);
    if (!batch.ok()) {
      std::lock_guard lock(applied_mu_);
      failure_ = batch.error().message;
      log_error("projections stopped", failure_);
      applied_cv_.notify_all();
      return;
    }
    if (batch->empty()) {
      if (subscription_->cancelled()) return;
      continue;  // Timed out waiting for a commit.
    }
    {
      std::unique_lock lock(views_mu_);
      for (const auto& event : *batch) {
        for (size_t i = 0; i < projections_.size(); ++i) {
          if (event.position > loaded_at_[i]) projections_[i]->apply(event);
        }
      }
    }
    const uint64_t position = batch->back().position;
    {
      std::lock_guard lock(applied_mu_);
      applied_.store(position);
    }
    applied_cv_.notify_all();
    listeners_.notify(position);
    if (options_.snapshot_every > 0 && position - last_snapshot_ >= options_.snapshot_every) {
      snapshot_all(position);
    }
  }
}

bool ProjectionRunner::wait_applied(uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(applied_mu_);
  return applied_cv_.wait_for(lock, timeout,
                              [&] { return applied_.load() >= position || !failure_.empty(); }) &&
         applied_.load() >= position;
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
