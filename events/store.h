#pragma once

// The event log on RocksDB: append with expected versions, reads by stream and by global
// position, subscriptions, the hash chain and its verification.
//
// Guarantees:
// - An append is all or nothing, across every stream it touches.
// - Positions are gapless and strictly increasing: a reader that has seen position p has seen
//   every position before it.
// - An append is acknowledged (its callback called, or append() returning) only after its
//   WriteBatch is synced to disk. Concurrent appends are gathered by one writer thread into one
//   synced batch (group commit).
// - Every record carries hash = SHA-256(previous hash ‖ canonical envelope bytes), written in
//   the same batch.
// - recorded_at never decreases along positions, so an instant maps to a position.
//
// Thread-safety: every public method may be called from any thread.

#include <array>
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
#include <thread>
#include <unordered_map>
#include <vector>

#include <rocksdb/db.h>

#include "core/decision.h"
#include "core/result.h"
#include "events/envelope.h"
#include "events/position_listeners.h"
#include "events/record.h"

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

using AppendCallback = std::function<void(core::Result<AppendResult>)>;

class EventStore {
 public:
  // Opens or creates the store at options.path. Fails with kCorrupt when the directory was
  // written by a newer schema version or its head is inconsistent, and with kInternal when
  // RocksDB cannot open it.
  static core::Result<std::unique_ptr<EventStore>> open(StoreOptions options);

  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;
  // Drains pending appends (each is written or fails), stops the writer, closes RocksDB.
  ~EventStore();

  // Appends a decision atomically. Errors: kVersionConflict when any stream's version is not
  // the expected one (nothing is appended), kIdempotencyKeyReused, kValidationFailed for an
  // empty decision, kInternal when the write fails. `done` runs on the store's completion
  // thread after the batch is durable, in commit order: it must be quick and must not wait
  // for another append.
  void append_async(const core::Decision& decision, const AppendContext& context,
                    std::optional<IdempotencyKey> idempotency, AppendCallback done);
  // The same, waiting for the answer.
  core::Result<AppendResult> append(const core::Decision& decision, const AppendContext& context,
                                    std::optional<IdempotencyKey> idempotency = std::nullopt);

  // The last committed position and hash.
  ChainHead head() const;
  // Every call naming a stream fails with kValidationFailed when the name is empty or holds a
  // zero byte (events/keys.h: such a name would read another stream's keys).
  // The current version of a stream (0 when it does not exist).
  core::Result<uint64_t> stream_version(std::string_view stream) const;

  // The names of every stream that starts with `prefix` (e.g. "agency:"), in byte order.
  core::Result<std::vector<std::string>> streams_with_prefix(std::string_view prefix) const;

  // The first answer of an earlier append under `key`, if there was one (replayed = true);
  // kIdempotencyKeyReused when that append had another fingerprint.
  core::Result<std::optional<AppendResult>> find_idempotent(const IdempotencyKey& key) const;

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

  // Registers fn(head_position), called on the writer thread after every commit. It must be
  // quick (post work elsewhere). Returns an id for remove_commit_listener.
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

  // A lock shared by everyone in this process deciding on `stream`: a command holds it from
  // loading the state to the append, so that commands on one stream take turns instead of
  // racing and deciding again. Striped: two streams may share a lock, never a stream two.
  std::mutex& decision_lock(std::string_view stream) const;

  // Tells this store apart from every other opened in the process, even one opened later at
  // the same address: caches of what was read from a store key on it.
  uint64_t instance() const { return instance_; }

  // For higher layers that keep state beside the log (projection snapshots). Null when the
  // family was not listed in StoreOptions::extra_column_families.
  rocksdb::DB* db() const { return db_.get(); }
  rocksdb::ColumnFamilyHandle* column_family(std::string_view name) const;

 private:
  struct PendingAppend;

  explicit EventStore(StoreOptions options);
  static uint64_t next_instance();
  void enqueue(const core::Decision& decision, const AppendContext& context,
               std::optional<IdempotencyKey> idempotency, AppendCallback done, bool wakes_caller);
  core::Status open_db();
  void writer_loop();
  void completer_loop();
  void commit_batch(std::vector<std::unique_ptr<PendingAppend>>& batch);
  core::Result<uint64_t> stream_version_in_db(std::string_view stream) const;
  core::Result<std::vector<uint64_t>> stream_positions(std::string_view stream,
                                                       uint64_t from_version, size_t limit) const;
  core::Result<Hash> hash_at(uint64_t position) const;

  StoreOptions options_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;
  std::unordered_map<std::string, rocksdb::ColumnFamilyHandle*> families_;
  rocksdb::ColumnFamilyHandle* events_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* streams_cf_ = nullptr;
  rocksdb::ColumnFamilyHandle* meta_cf_ = nullptr;
  const uint64_t instance_ = next_instance();
  rocksdb::ColumnFamilyHandle* idempotency_cf_ = nullptr;

  // Appends waiting for the writer.
  std::mutex queue_mu_;
  std::condition_variable queue_cv_;
  std::vector<std::unique_ptr<PendingAppend>> queue_;
  bool stopping_ = false;

  // The committed head, read by anyone, written by the writer.
  mutable std::mutex head_mu_;
  mutable std::condition_variable head_cv_;
  mutable size_t waiting_ = 0;  // Guarded by head_mu_.
  ChainHead head_;
  int64_t last_recorded_at_ = 0;

  // Writer thread only: stream versions it has seen, so most appends never read them.
  std::unordered_map<std::string, uint64_t> stream_versions_;

  PositionListeners listeners_;

  std::thread writer_;

  // Answers to committed appends, run by the completion thread so that waking the appenders
  // never delays the next commit.
  std::mutex completions_mu_;
  std::condition_variable completions_cv_;
  std::vector<std::function<void()>> completions_;
  bool completions_stopping_ = false;
  std::thread completer_;

  static constexpr size_t kDecisionLockStripes = 4096;
  mutable std::array<std::mutex, kDecisionLockStripes> decision_locks_;
};

}  // namespace mandate::events
