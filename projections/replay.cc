#include "projections/replay.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "projections/snapshot_store.h"

namespace mandate::projections {
namespace {

// Replays longer than this decode on the calling thread and fold on another, so that on two
// cores the two overlap instead of taking turns; shorter ones are not worth a thread.
constexpr uint64_t kPipelineFrom = 16'384;
constexpr size_t kBatch = 512;

// Decoded events from the reading thread to the folding one, a batch at a time.
class BatchPipe {
 public:
  void push(std::vector<core::RecordedEvent> batch) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return batches_.size() < kDepth; });
    batches_.push_back(std::move(batch));
    ready_.notify_one();
  }
  // The next batch; empty once closed and drained.
  std::vector<core::RecordedEvent> pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !batches_.empty() || closed_; });
    if (batches_.empty()) return {};
    auto batch = std::move(batches_.front());
    batches_.pop_front();
    room_.notify_one();
    return batch;
  }
  void close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    ready_.notify_one();
  }

 private:
  static constexpr size_t kDepth = 8;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<std::vector<core::RecordedEvent>> batches_;
  bool closed_ = false;
};

core::Result<Replayed> replay(const events::EventStore& store, uint64_t to,
                              const std::vector<Projection*>& projections, bool use_snapshots) {
  std::vector<uint64_t> loaded_at(projections.size(), 0);
  if (use_snapshots) {
    const SnapshotStore snapshots(store);
    std::vector<Projection*> kept;  // Those whose snapshot family the store has.
    std::vector<size_t> at;
    for (size_t i = 0; i < projections.size(); ++i) {
      if (!store.side_table(snapshot_family(projections[i]->name())).ok()) continue;
      kept.push_back(projections[i]);
      at.push_back(i);
    }
    auto each = snapshots.load_each(kept, to);
    for (size_t k = 0; k < kept.size(); ++k) {
      ASSIGN_OR_RETURN(loaded_at[at[k]], std::move(each[k]));
    }
  }
  Replayed replayed;
  if (projections.empty()) return replayed;
  replayed.from_snapshot = *std::min_element(loaded_at.begin(), loaded_at.end());
  if (to <= replayed.from_snapshot) return replayed;
  std::optional<core::Error> failed;
  const bool every_projection = projections.size() == Views().all().size();
  auto fold = [&](const core::RecordedEvent& event) {
    for (size_t i = 0; i < projections.size(); ++i) {
      if (event.position > loaded_at[i]) projections[i]->apply(event);
    }
  };
  const bool pipelined = to - replayed.from_snapshot > kPipelineFrom;
  BatchPipe pipe;
  std::thread folder;
  if (pipelined) {
    folder = std::thread([&] {
      for (auto batch = pipe.pop(); !batch.empty(); batch = pipe.pop()) {
        for (const auto& event : batch) fold(event);
      }
    });
  }
  std::vector<core::RecordedEvent> batch;
  auto scanned = store.scan(replayed.from_snapshot + 1, to, [&](const events::EventView& view) {
    if (!every_projection) {
      const std::string_view stream = view.stream();
      if (std::none_of(projections.begin(), projections.end(),
                       [&](const Projection* p) { return p->follows(stream); })) {
        return true;
      }
    }
    auto event = view.decode();
    if (!event.ok()) {
      failed = event.error();
      return false;
    }
    ++replayed.events;
    if (!pipelined) {
      fold(*event);
    } else {
      batch.push_back(std::move(event).value());
      if (batch.size() == kBatch) pipe.push(std::exchange(batch, {}));
    }
    return true;
  });
  if (pipelined) {
    if (!batch.empty()) pipe.push(std::move(batch));
    pipe.close();
    folder.join();
  }
  if (failed) return *failed;
  RETURN_IF_ERROR(scanned);
  return replayed;
}

}  // namespace

core::Result<Replayed> replay_into(const events::EventStore& store, uint64_t to, Views& views) {
  return replay(store, to, views.all(), true);
}

core::Result<Replayed> replay_into(const events::EventStore& store, uint64_t to,
                                   const std::vector<Projection*>& projections) {
  return replay(store, to, projections, true);
}

core::Result<Replayed> rebuild_into(const events::EventStore& store, uint64_t to, Views& views) {
  return replay(store, to, views.all(), false);
}

}  // namespace mandate::projections
