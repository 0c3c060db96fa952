#include "projections/runner.h"

#include <iostream>

namespace mandate::projections {
namespace {

// How many events are applied under one hold of the exclusive lock: large enough to replay
// fast, small enough that readers never wait long.
constexpr size_t kBatch = 1024;
// How long the follower blocks for a commit before re-checking that it should go on.
constexpr std::chrono::milliseconds kIdleWait{500};

}  // namespace

ProjectionRunner::ProjectionRunner(const events::EventStore& store,
                                   std::vector<Projection*> projections)
    : store_(store), projections_(std::move(projections)), subscription_(store, 1) {}

ProjectionRunner::~ProjectionRunner() { stop(); }

void ProjectionRunner::start() { thread_ = std::thread([this] { follow(); }); }

void ProjectionRunner::stop() {
  subscription_.cancel();
  if (thread_.joinable()) thread_.join();
}

void ProjectionRunner::follow() {
  for (;;) {
    auto batch = subscription_.next(kBatch, kIdleWait);
    if (!batch.ok()) {
      std::lock_guard lock(applied_mu_);
      failure_ = batch.error().message;
      std::cerr << R"({"level":"error","msg":"projections stopped","detail":")"
                << failure_ << "\"}" << std::endl;
      applied_cv_.notify_all();
      return;
    }
    if (batch->empty()) {
      if (subscription_.cancelled()) return;
      continue;  // Timed out waiting for a commit.
    }
    {
      std::unique_lock lock(views_mu_);
      for (const auto& event : *batch) {
        for (auto* projection : projections_) projection->apply(event);
      }
    }
    {
      std::lock_guard lock(applied_mu_);
      applied_.store(batch->back().position);
    }
    applied_cv_.notify_all();
  }
}

bool ProjectionRunner::wait_applied(uint64_t position, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(applied_mu_);
  return applied_cv_.wait_for(lock, timeout,
                              [&] { return applied_.load() >= position || !failure_.empty(); }) &&
         applied_.load() >= position;
}

std::string ProjectionRunner::failure() const {
  std::lock_guard lock(applied_mu_);
  return failure_;
}

}  // namespace mandate::projections
