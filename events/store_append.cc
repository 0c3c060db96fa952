// Appending: sequencing each append under one short lock, and group commit. Whoever waits on a
// batch first writes it for everyone in it, while the next batch fills behind it (LevelDB's
// writers do the same), so an append is never handed to another thread and back.

#include <algorithm>
#include <unordered_set>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "events/append_result_codec.h"
#include "events/envelope.h"
#include "events/keys.h"
#include "events/rocks_status.h"
#include "events/store.h"

namespace mandate::events {
namespace {

std::string encode_head(const ChainHead& head) {
  std::string v;
  put_u64_be(v, head.position);
  v.append(reinterpret_cast<const char*>(head.hash.data()), head.hash.size());
  return v;
}

// A new event's envelope, ready to be stamped once the lock gives it a position.
struct Prepared {
  const core::Decision::value_type* write;
  std::vector<std::unique_ptr<PendingEnvelope>> envelopes;
};

core::Result<std::vector<Prepared>> prepare(const core::Decision& decision,
                                            const AppendContext& context) {
  std::vector<Prepared> prepared;
  std::unordered_set<std::string_view> seen;
  size_t count = 0;
  for (const auto& write : decision) {
    if (!is_stream_name_storable(write.stream)) {
      return core::make_error(core::ErrorCode::kValidationFailed,
                              "a stream name must not be empty or hold a zero byte");
    }
    if (!seen.insert(write.stream).second) {
      return core::make_error(core::ErrorCode::kValidationFailed,
                              "stream " + write.stream + " appears twice in one append");
    }
    Prepared p{&write, {}};
    for (const auto& event : write.events) {
      p.envelopes.push_back(std::make_unique<PendingEnvelope>(write.stream, event, context));
    }
    count += write.events.size();
    prepared.push_back(std::move(p));
  }
  if (count == 0) {
    return core::make_error(core::ErrorCode::kValidationFailed, "an append needs an event");
  }
  return prepared;
}

}  // namespace

// The appends that share one synced WriteBatch.
struct EventStore::Batch {
  rocksdb::WriteBatch writes;
  // Each append's events, in sequence order; shared with the append that made them.
  std::vector<std::shared_ptr<const std::vector<core::RecordedEvent>>> appended;
  std::vector<std::string> keys;  // The idempotency keys it stores.
  ChainHead head;                 // After its last event.
  bool done = false;              // Written, or failed: guarded by append_mu_.
  std::optional<core::Error> error;
  // Its callers wait here, so that a batch's end wakes only its own (not every append in
  // flight), and the end of a write wakes one caller of the next batch to write it.
  std::condition_variable cv;
};

// An idempotency key whose append is sequenced but not yet durable.
struct EventStore::PendingKey {
  std::string stored;  // What find_idempotent will read once it is.
  std::shared_ptr<Batch> batch;
};

core::Result<AppendResult> EventStore::append(
    const core::Decision& decision, const AppendContext& context,
    std::optional<IdempotencyKey> idempotency,
    const std::function<void(const Sequenced&)>& sequenced) {
  AppendResult result;
  std::shared_ptr<std::vector<core::RecordedEvent>> events;
  ASSIGN_OR_RETURN(auto batch, sequence(decision, context, idempotency, result, events));
  if (sequenced && events) sequenced(Sequenced{result, *events});
  if (batch) RETURN_IF_ERROR(await_durable(batch));
  return result;
}

core::Result<std::shared_ptr<EventStore::Batch>> EventStore::sequence(
    const core::Decision& decision, const AppendContext& context,
    const std::optional<IdempotencyKey>& idempotency, AppendResult& result,
    std::shared_ptr<std::vector<core::RecordedEvent>>& events) {
  // Encoding the payloads needs no lock; only the stamps (position, version, time) and the
  // hash chain do.
  ASSIGN_OR_RETURN(auto prepared, prepare(decision, context));

  std::lock_guard lock(append_mu_);
  if (failed_) return *failed_;
  if (idempotency) {
    if (auto it = pending_keys_.find(idempotency->key); it != pending_keys_.end()) {
      ASSIGN_OR_RETURN(result,
                       decode_idempotent_answer(it->second->stored, idempotency->fingerprint));
      return it->second->batch;  // Answered once the first one is durable.
    }
    ASSIGN_OR_RETURN(auto stored, stored_idempotent_answer(idempotency->key));
    if (stored) {
      ASSIGN_OR_RETURN(result, decode_idempotent_answer(*stored, idempotency->fingerprint));
      return std::shared_ptr<Batch>();
    }
  }

  std::vector<uint64_t> start_versions;
  for (const auto& p : prepared) {
    ASSIGN_OR_RETURN(uint64_t v, sequenced_version(p.write->stream));
    if (p.write->expected_version != kAnyVersion && p.write->expected_version != v) {
      return core::make_error(core::ErrorCode::kVersionConflict,
                              "stream " + p.write->stream + " is at version " + std::to_string(v) +
                                  ", not " + std::to_string(p.write->expected_version));
    }
    start_versions.push_back(v);
  }

  if (!open_) open_ = std::make_shared<Batch>();
  Batch& batch = *open_;
  const int64_t now = std::max(options_.clock().micros, tip_recorded_at_);
  events = std::make_shared<std::vector<core::RecordedEvent>>();
  result.first_position = tip_.position + 1;
  for (size_t i = 0; i < prepared.size(); ++i) {
    const auto& write = *prepared[i].write;
    uint64_t version = start_versions[i];
    for (size_t j = 0; j < write.events.size(); ++j) {
      ++tip_.position;
      ++version;
      auto words = prepared[i].envelopes[j]->seal(tip_.position, version, core::Instant{now});
      std::string_view bytes(reinterpret_cast<const char*>(words.begin()),
                             words.size() * sizeof(capnp::word));
      tip_.hash = chain_hash(tip_.hash, bytes);
      batch.writes.Put(events_cf_, position_key(tip_.position), make_record(tip_.hash, bytes));
      for (const auto& node : edge_.append(merkle_leaf_hash(bytes))) {
        if (!merkle_node_stored(node.level)) continue;
        batch.writes.Put(
            tree_cf_, tree_key(node.level, node.index),
            rocksdb::Slice(reinterpret_cast<const char*>(node.hash.data()), node.hash.size()));
      }
      batch.writes.Put(streams_cf_, stream_key(write.stream, version), position_key(tip_.position));
      // The event as a reader decodes it, made from what was encoded instead of decoding it.
      const core::NewEvent& event = write.events[j];
      events->push_back(core::RecordedEvent{
          .position = tip_.position,
          .stream = write.stream,
          .version = version,
          .recorded_at = core::Instant{now},
          .occurred_at = event.occurred_at.value_or(core::Instant{now}),
          .actor = context.actor,
          .correlation_id = context.correlation_id,
          .causation_id = context.causation_id,
          .data = event.data,
          .hash = std::string(reinterpret_cast<const char*>(tip_.hash.data()), tip_.hash.size())});
    }
    stream_versions_[write.stream] = version;
    result.stream_versions.emplace_back(write.stream, version);
  }
  result.last_position = tip_.position;
  tip_recorded_at_ = now;
  if (idempotency) {
    std::string stored = encode_idempotent_answer(idempotency->fingerprint, result);
    batch.writes.Put(idempotency_cf_, idempotency->key, stored);
    batch.keys.push_back(idempotency->key);
    pending_keys_[idempotency->key] =
        std::make_shared<PendingKey>(PendingKey{std::move(stored), open_});
  }
  batch.head = tip_;
  batch.appended.push_back(events);
  return open_;
}

core::Result<std::optional<AppendResult>> EventStore::find_idempotent(const IdempotencyKey& key) {
  std::string stored;
  std::shared_ptr<Batch> batch;
  {
    std::lock_guard lock(append_mu_);
    if (auto it = pending_keys_.find(key.key); it != pending_keys_.end()) {
      stored = it->second->stored;
      batch = it->second->batch;
    }
  }
  if (batch) {
    // The first append's answer counts only once it is durable.
    RETURN_IF_ERROR(await_durable(batch));
  } else {
    ASSIGN_OR_RETURN(auto on_disk, stored_idempotent_answer(key.key));
    if (!on_disk) return std::optional<AppendResult>();
    stored = std::move(*on_disk);
  }
  ASSIGN_OR_RETURN(auto result, decode_idempotent_answer(stored, key.fingerprint));
  return std::optional<AppendResult>(std::move(result));
}

core::Result<bool> EventStore::idempotency_key_known(const std::string& key) const {
  {
    std::lock_guard lock(append_mu_);
    if (pending_keys_.count(key) > 0) return true;
  }
  ASSIGN_OR_RETURN(auto stored, stored_idempotent_answer(key));
  return stored.has_value();
}

ChainHead EventStore::tip() const {
  std::lock_guard lock(append_mu_);
  return tip_;
}

core::Result<uint64_t> EventStore::sequenced_version(const std::string& stream) {
  if (auto it = stream_versions_.find(stream); it != stream_versions_.end()) return it->second;
  ASSIGN_OR_RETURN(uint64_t v, stream_version_in_db(stream));
  stream_versions_.emplace(stream, v);
  return v;
}

core::Status EventStore::await_durable(const std::shared_ptr<Batch>& batch) {
  std::unique_lock lock(append_mu_);
  for (;;) {
    if (batch->done) {
      if (batch->error) return *batch->error;
      return core::ok_status();
    }
    if (!writing_ && open_ == batch) break;
    batch->cv.wait(lock);
  }
  // This caller writes the batch for everyone in it; appends arriving meanwhile fill the next
  // one.
  open_.reset();
  writing_ = true;
  lock.unlock();
  write(*batch);
  // The observer sees batches in the order they were written: this one's turn is taken before
  // the next batch may be written, and the next batch syncs while this one is observed.
  std::unique_lock observing(observer_mu_);
  lock.lock();
  writing_ = false;
  for (const auto& key : batch->keys) pending_keys_.erase(key);
  if (batch->error) {
    // What was sequenced behind it counted on it: positions, versions, the hash chain.
    failed_ = batch->error;
    if (open_) {
      open_->done = true;
      open_->error = batch->error;
      for (const auto& key : open_->keys) pending_keys_.erase(key);
      open_->cv.notify_all();
      open_.reset();
    }
  } else if (open_) {
    open_->cv.notify_one();  // One of the next batch's callers writes it now.
  }
  lock.unlock();
  if (!batch->error) observe(*batch);
  observing.unlock();
  lock.lock();
  batch->done = true;
  batch->cv.notify_all();
  if (batch->error) return *batch->error;
  return core::ok_status();
}

void EventStore::write(Batch& batch) {
  batch.writes.Put(meta_cf_, kMetaChainHead, encode_head(batch.head));
  std::string tree_size;
  put_u64_be(tree_size, batch.head.position);
  batch.writes.Put(meta_cf_, kMetaTreeSize, tree_size);
  rocksdb::WriteOptions options;
  options.sync = options_.sync;
  auto status = db_->Write(options, &batch.writes);
  if (!status.ok()) {
    batch.error = from_rocks(status, "appending");
    return;
  }
  {
    std::lock_guard lock(head_mu_);
    head_ = batch.head;
  }
  head_cv_.notify_all();
  listeners_.notify(batch.head.position);
}

void EventStore::observe(const Batch& batch) {
  // Called with observer_mu_ held.
  if (!observer_) return;
  CommittedEvents committed;
  for (const auto& appended : batch.appended) {
    for (const auto& event : *appended) committed.push_back(&event);
  }
  observer_(committed);
}

void EventStore::set_commit_observer(std::function<void(const CommittedEvents&)> observer) {
  std::lock_guard lock(observer_mu_);
  observer_ = std::move(observer);
}

uint64_t EventStore::wait_for(uint64_t position, std::chrono::milliseconds timeout,
                              const std::atomic<bool>* cancelled) const {
  std::unique_lock lock(head_mu_);
  ++waiting_;
  head_cv_.wait_for(lock, timeout, [&] {
    return head_.position >= position || (cancelled != nullptr && cancelled->load());
  });
  --waiting_;
  return head_.position;
}

size_t EventStore::waiting() const {
  std::lock_guard lock(head_mu_);
  return waiting_;
}

void EventStore::wake_waiters() const {
  // Taking the lock orders this wake after a waiter's check of its condition.
  { std::lock_guard lock(head_mu_); }
  head_cv_.notify_all();
}

uint64_t EventStore::add_commit_listener(std::function<void(uint64_t)> fn) {
  return listeners_.add(std::move(fn));
}

void EventStore::remove_commit_listener(uint64_t id) { listeners_.remove(id); }

ChainHead EventStore::head() const {
  std::lock_guard lock(head_mu_);
  return head_;
}

}  // namespace mandate::events
