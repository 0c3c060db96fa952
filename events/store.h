#pragma once

// The event log on RocksDB: append with expected versions, reads by stream and by global
// position, subscriptions, the hash chain and its verification.
//
// Guarantees:
// - An append is all or nothing, across every stream it touches.
// - Positions are gapless and strictly increasing: a reader that has seen position p has seen
//   every position before it.
// - An append returns only after its WriteBatch is synced to disk. Concurrent appends share one
//   synced batch (group commit, as LevelDB's writers do): the first caller waiting on a batch
//   writes it for everyone in it, and the next batch fills while it syncs.
// - Every record carries hash = SHA-256(previous hash ‖ canonical envelope bytes), written in
//   the same batch.
// - recorded_at never decreases along positions, so an instant maps to a position.
//
// Thread-safety: every public method may be called from any thread.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/decision.h"
#include "core/event.h"
#include "core/result.h"
#include "events/append_context.h"
#include "events/event_view.h"
#include "events/merkle.h"
#include "events/position_listeners.h"
#include "events/record.h"
#include "events/side_table.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace mandate::events {

// The schema version this build writes and the newest it reads.
inline constexpr uint32_t kSchemaVersion = 1;

// An expected version that accepts whatever the stream's version is.
inline constexpr uint64_t kAnyVersion = UINT64_MAX;

struct StoreOptions {
  std::string path;
  // The server clock. Only the writer reads it, once per batch.
  std::function<core::Instant()> clock;
  // Off only in benchmarks that measure what syncing costs.
  bool sync = true;
  // Column families a higher layer keeps its own state in (e.g. projections' snapshots). They
  // are created when missing; values of 4 KiB and more go to uncompressed blob files.
  std::vector<std::string> extra_column_families;
};

// Identifies a command for safe retries. A repeat with the same key and fingerprint returns the
// first result and appends nothing; the same key with another fingerprint is refused.
struct IdempotencyKey {
  std::string key;          // Scope it (e.g. by user) before passing it here.
  std::string fingerprint;  // What the command was (e.g. a hash of method, path and body).
};

struct AppendResult {
  uint64_t first_position = 0;
  uint64_t last_position = 0;
  // The version of each stream after the append, in the order of the Decision.
  std::vector<std::pair<std::string, uint64_t>> stream_versions;
  bool replayed = false;  // True when an idempotency key matched an earlier append.
};

struct ChainHead {
  uint64_t position = 0;  // 0: the log is empty.
  Hash hash{};            // All zeros for an empty log.
};

struct VerifyReport {
  bool ok = true;
  uint64_t checked = 0;
  std::optional<uint64_t> first_bad;
  std::string problem;  // What is wrong at first_bad.
};

// What an append was given once its events have their positions, before they are durable.
struct Sequenced {
  const AppendResult& result;
  // The appended events, as a reader will decode them (hash included), in position order.
  const std::vector<core::RecordedEvent>& events;
};

// The events of one synced batch, in position order.
using CommittedEvents = std::vector<const core::RecordedEvent*>;

class EventStore {
 public:
  // Opens or creates the store at options.path. Fails with kCorrupt when the directory was
  // written by a newer schema version or its head is inconsistent, and with kInternal when
  // RocksDB cannot open it.
  static core::Result<std::unique_ptr<EventStore>> open(StoreOptions options);

  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;
  // Closes RocksDB. Every append() must have returned.
  ~EventStore();

  // Appends a decision atomically and returns once it is durable. Errors: kVersionConflict when
  // any stream's version is not the expected one (nothing is appended), kIdempotencyKeyReused,
  // kValidationFailed for an empty decision, kInternal when the write fails. After a failed
  // write every later append fails too, until the store is opened again: what was sequenced
  // behind the failed batch can no longer be trusted to follow it.
  //
  // `sequenced`, when given, runs on the caller's thread once the events have their positions
  // and versions and before waiting for the sync: a caller that took turns with others on a
  // stream lets the next one in there, so that no lock is held across the fsync. It is not
  // called for a replayed or refused append.
  core::Result<AppendResult> append(const core::Decision& decision, const AppendContext& context,
                                    std::optional<IdempotencyKey> idempotency = std::nullopt,
                                    const std::function<void(const Sequenced&)>& sequenced = {});

  // Sets the one observer told of every synced batch, on the thread that wrote it, after head()
  // has moved and before the batch's appends return: the views apply it there, so that a
  // command answers only once they have. Batches are observed one at a time, in position
  // order; the next batch may sync meanwhile. It must not append. Null removes it; setting
  // waits for a call in progress.
  void set_commit_observer(std::function<void(const CommittedEvents&)> observer);

  // The last committed position and hash.
  ChainHead head() const;
  // Every call naming a stream fails with kValidationFailed when the name is empty or holds a
  // zero byte (events/keys.h: such a name would read another stream's keys).
  // The current version of a stream (0 when it does not exist).
  core::Result<uint64_t> stream_version(std::string_view stream) const;

  // The names of every stream that starts with `prefix` (e.g. "agency:"), in byte order.
  core::Result<std::vector<std::string>> streams_with_prefix(std::string_view prefix) const;

  // The first answer of an earlier append under `key`, if there was one (replayed = true),
  // once it is durable (waiting for its sync when it was only sequenced); kIdempotencyKeyReused
  // when that append had another fingerprint; the write's error when its batch failed.
  core::Result<std::optional<AppendResult>> find_idempotent(const IdempotencyKey& key);
  // Whether an append under `key` is sequenced or durable, without waiting.
  core::Result<bool> idempotency_key_known(const std::string& key) const;

  // The position and hash after the last sequenced event, durable or not (>= head()).
  ChainHead tip() const;

  // Calls fn(const EventView&) for each event with position in [from, to], in order, stopping
  // early when fn returns false. Fails with kCorrupt naming the position of a record that
  // does not decode or of a gap.
  core::Status scan(uint64_t from, uint64_t to,
                    const std::function<bool(const EventView&)>& fn) const;
  // Decoded events from `from`, at most `limit`.
  core::Result<std::vector<core::RecordedEvent>> read_all(uint64_t from, size_t limit) const;
  // Decoded events of one stream with version >= from_version, at most `limit`.
  core::Result<std::vector<core::RecordedEvent>> read_stream(std::string_view stream,
                                                             uint64_t from_version,
                                                             size_t limit = SIZE_MAX) const;

  // Blocks until head().position >= position, the timeout passes, or *cancelled (when given)
  // is true after a wake_waiters(); returns the head position.
  uint64_t wait_for(uint64_t position, std::chrono::milliseconds timeout,
                    const std::atomic<bool>* cancelled = nullptr) const;

  // Wakes every wait_for() so that it re-checks its condition (e.g. a cancelled subscriber).
  void wake_waiters() const;
  // How many wait_for() calls are blocked now: for tests that must act while one waits.
  size_t waiting() const;

  // Registers fn(head_position), called on the thread that wrote a batch, after it is synced.
  // It must be quick (post work elsewhere). Returns an id for remove_commit_listener.
  uint64_t add_commit_listener(std::function<void(uint64_t)> fn);
  void remove_commit_listener(uint64_t id);

  // Recomputes the chain over [from, to] (to clamped to the head). Reports the first position
  // whose record is missing, malformed, out of place or whose hash does not match.
  VerifyReport verify(uint64_t from = 1, uint64_t to = UINT64_MAX) const;

  // The first position whose recorded_at is after `instant`, minus one: the last position
  // recorded at or before it (0 when none).
  core::Result<uint64_t> position_at(core::Instant instant) const;

  // A consistent online copy of the whole store in `dir` (which must not exist), taken while
  // appends go on (RocksDB checkpoint: hard links where it can).
  core::Status checkpoint(const std::string& dir) const;

  // The Merkle tree over the log (events/merkle.h, docs/proofs.md), kept in the same write as
  // the events. Sizes are counts of events from position 1 and at most the head.
  // The root of the tree of the first `size` events.
  core::Result<Hash> tree_root(uint64_t size) const;
  // The audit path of the event at `position` in the tree of `size` events.
  core::Result<std::vector<Hash>> inclusion_proof(uint64_t position, uint64_t size) const;
  // The proof that the tree of `to` events extends the tree of `from` (0 < from <= to).
  core::Result<std::vector<Hash>> consistency_proof(uint64_t from, uint64_t to) const;
  // Signed checkpoints of the tree (the signed notes of tools/tree_checkpointer.h), kept for
  // good under their tree size: `note` is stored durably (synced) as given.
  core::Status put_tree_checkpoint(uint64_t size, std::string_view note);
  // The checkpoint of exactly `size`, or the newest when nullopt; nullopt when there is none.
  core::Result<std::optional<std::pair<uint64_t, std::string>>> tree_checkpoint(
      std::optional<uint64_t> size = std::nullopt) const;

  // Recomputes the whole tree from the events and compares every stored node with it; reports
  // the first position under the first node that differs (the tree was altered, or the events
  // under it were).
  VerifyReport verify_tree() const;
  // The leaf hash of the event at `position`: SHA-256(0x00 ‖ its envelope).
  core::Result<Hash> leaf_hash(uint64_t position) const;

  // The table beside the log kept in `family` (a higher layer's own state, e.g. projection
  // snapshots); kInternal when the family was not listed in StoreOptions::extra_column_families.
  core::Result<SideTable> side_table(std::string_view family) const;

 private:
  struct Batch;
  struct PendingKey;

  explicit EventStore(StoreOptions options);
  core::Status open_db();
  // Append, in the order a caller goes through it (store_append.cc).
  core::Result<std::shared_ptr<Batch>> sequence(
      const core::Decision& decision, const AppendContext& context,
      const std::optional<IdempotencyKey>& idempotency, AppendResult& result,
      std::shared_ptr<std::vector<core::RecordedEvent>>& events);
  core::Status await_durable(const std::shared_ptr<Batch>& batch);
  void write(Batch& batch);
  void observe(const Batch& batch);
  core::Result<uint64_t> sequenced_version(const std::string& stream);
  core::Result<uint64_t> stream_version_in_db(std::string_view stream) const;
  core::Result<std::vector<uint64_t>> stream_positions(std::string_view stream,
                                                       uint64_t from_version, size_t limit) const;
  core::Result<Hash> hash_at(uint64_t position) const;
  // Brings the tree up to the head (a directory written before it had none) and loads its edge
  // (store_tree.cc).
  core::Status open_tree();
  // Any complete node: stored, made from the stored level below, or a leaf from its event.
  core::Result<Hash> tree_node(uint8_t level, uint64_t index) const;
  NodeReader tree_nodes() const;
  core::Status check_tree_size(uint64_t size) const;
  core::Result<std::optional<std::string>> stored_idempotent_answer(const std::string& key) const;

  friend class RawAccess;

  StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unordered_map<std::string, rocksdb::ColumnFamilyHandle*> families_;
  rocksdb::ColumnFamilyHandle* events_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* idempotency_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* tree_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* tree_checkpoints_cf_ = nullptr;

  // Sequencing and group commit (store_append.cc), guarded by append_mu_.
  mutable std::mutex append_mu_;
  std::shared_ptr<Batch> open_;  // The batch appends join now.
  bool writing_ = false;         // A caller is writing a batch (at most one at a time).
  std::optional<core::Error> failed_;
  ChainHead tip_;    // After the last sequenced event.
  MerkleEdge edge_;  // The tree's right edge after the last sequenced event.
  int64_t tip_recorded_at_ = 0;
  // Stream versions after everything sequenced, so most appends never read them.
  std::unordered_map<std::string, uint64_t> stream_versions_;
  // Idempotency keys sequenced but not yet durable: a repeat finds them here, not on disk.
  std::unordered_map<std::string, std::shared_ptr<PendingKey>> pending_keys_;

  std::mutex observer_mu_;
  std::function<void(const CommittedEvents&)> observer_;

  // The durable head, read by anyone, written by whoever writes a batch.
  mutable std::mutex head_mu_;
  mutable std::condition_variable head_cv_;
  mutable size_t waiting_ = 0;  // Guarded by head_mu_.
  ChainHead head_;

  PositionListeners listeners_;
};

}  // namespace mandate::events
