#include "events/store.h"

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include <rocksdb/options.h>
#include <rocksdb/utilities/checkpoint.h>
#include <rocksdb/write_batch.h>

#include "events/append_result_codec.h"
#include "events/keys.h"
#include "events/rocks_status.h"

namespace mandate::events {
namespace {

constexpr const char* kEventsCf = "events";
constexpr const char* kStreamsCf = "streams";
constexpr const char* kMetaCf = "meta";
constexpr const char* kIdempotencyCf = "idempotency";

// Bounds one group commit so that a burst cannot build an unbounded WriteBatch.
constexpr size_t kMaxAppendsPerBatch = 4096;

std::string encode_head(const ChainHead& head) {
  std::string v;
  put_u64_be(v, head.position);
  v.append(reinterpret_cast<const char*>(head.hash.data()), head.hash.size());
  return v;
}

// A name that is not is_stream_name_storable() is refused by every read and append, rather
// than read as the keys of another stream.
core::Error unstorable_stream() {
  return core::make_error(core::ErrorCode::kValidationFailed,
                          "a stream name must not be empty or hold a zero byte");
}

}  // namespace

struct EventStore::PendingAppend {
  struct Write {
    std::string stream;
    uint64_t expected_version;
    std::vector<std::unique_ptr<PendingEnvelope>> envelopes;
  };
  std::vector<Write> writes;
  std::optional<IdempotencyKey> idempotency;
  AppendCallback done;
  // `done` only wakes a caller blocked in append(): the writer runs it itself, sparing the
  // hand-over to the completion thread (one thread wake-up fewer per synchronous append).
  bool wakes_caller = false;
};

EventStore::EventStore(StoreOptions options) : options_(std::move(options)) {}

uint64_t EventStore::next_instance() {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

core::Result<std::unique_ptr<EventStore>> EventStore::open(StoreOptions options) {
  MANDATE_CHECK(static_cast<bool>(options.clock), "StoreOptions::clock is required");
  std::unique_ptr<EventStore> store(new EventStore(std::move(options)));
  RETURN_IF_ERROR(store->open_db());
  store->completer_ = std::thread([s = store.get()] { s->completer_loop(); });
  store->writer_ = std::thread([s = store.get()] { s->writer_loop(); });
  return store;
}

core::Status EventStore::open_db() {
  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  // A crash can leave a torn record at the WAL's tail, and only there: it belongs to a write
  // that was never acknowledged (acknowledged writes were synced before their answer). Corruption
  // anywhere else means acknowledged data is damaged, and opening must fail loudly rather than
  // silently drop later records, as kPointInTimeRecovery would (docs/decisions/wal-recovery.md).
  db_options.wal_recovery_mode = rocksdb::WALRecoveryMode::kTolerateCorruptedTailRecords;
  db_options.paranoid_checks = true;
  db_options.IncreaseParallelism(2);

  std::vector<std::string> names = {rocksdb::kDefaultColumnFamilyName, kEventsCf, kStreamsCf,
                                    kMetaCf, kIdempotencyCf};
  for (const auto& extra : options_.extra_column_families) names.push_back(extra);
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, options_.path, &existing).ok()) {
    for (const auto& name : existing) names.push_back(name);
  }
  std::sort(names.begin() + 1, names.end());
  names.erase(std::unique(names.begin() + 1, names.end()), names.end());

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  const std::vector<std::string> own = {rocksdb::kDefaultColumnFamilyName, kEventsCf, kStreamsCf,
                                        kMetaCf, kIdempotencyCf};
  for (const auto& name : names) {
    rocksdb::ColumnFamilyOptions cf_options;
    if (name == kEventsCf) cf_options.OptimizeForPointLookup(64);
    if (std::find(own.begin(), own.end(), name) == own.end()) {
      // Higher layers keep whole snapshots here, megabytes each: in blob files, uncompressed,
      // one is read back with one read instead of a block decompressed and copied (several
      // times faster to load, docs/performance.md).
      cf_options.enable_blob_files = true;
      cf_options.min_blob_size = 4096;
      cf_options.blob_compression_type = rocksdb::kNoCompression;
      cf_options.enable_blob_garbage_collection = true;
    }
    descriptors.emplace_back(name, cf_options);
  }
  rocksdb::DB* raw = nullptr;
  auto status = rocksdb::DB::Open(db_options, options_.path, descriptors, &handles_, &raw);
  if (!status.ok()) return from_rocks(status, "opening " + options_.path);
  db_.reset(raw);
  for (auto* handle : handles_) families_[handle->GetName()] = handle;
  events_cf_ = families_[kEventsCf];
  streams_cf_ = families_[kStreamsCf];
  meta_cf_ = families_[kMetaCf];
  idempotency_cf_ = families_[kIdempotencyCf];

  std::string value;
  status = db_->Get(rocksdb::ReadOptions(), meta_cf_, kMetaSchemaVersion, &value);
  if (status.IsNotFound()) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_cf_));
    it->SeekToFirst();
    if (it->Valid()) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              options_.path + " holds events but no schema version");
    }
    std::string v;
    put_u64_be(v, kSchemaVersion);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    status = db_->Put(wo, meta_cf_, kMetaSchemaVersion, v);
    if (!status.ok()) return from_rocks(status, "writing the schema version");
  } else if (!status.ok()) {
    return from_rocks(status, "reading the schema version");
  } else {
    const uint64_t version = value.size() == 8 ? get_u64_be(value) : UINT64_MAX;
    if (version > kSchemaVersion) {
      return core::make_error(
          core::ErrorCode::kCorrupt,
          options_.path + " was written by schema version " + std::to_string(version) +
              "; this build reads up to version " + std::to_string(kSchemaVersion) +
              ". Run a newer mandate on it, or restore a backup taken by this version.");
    }
  }

  status = db_->Get(rocksdb::ReadOptions(), meta_cf_, kMetaChainHead, &value);
  if (status.ok()) {
    if (value.size() != 8 + kHashSize) {
      return core::make_error(core::ErrorCode::kCorrupt, "the chain head record is malformed");
    }
    head_.position = get_u64_be(value);
    std::memcpy(head_.hash.data(), value.data() + 8, kHashSize);
  } else if (!status.IsNotFound()) {
    return from_rocks(status, "reading the chain head");
  }

  // The head and the last record are written in one batch: they must agree.
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), events_cf_));
  it->SeekToLast();
  const uint64_t last = it->Valid() ? get_u64_be(it->key().ToStringView()) : 0;
  if (last != head_.position) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            "the chain head says position " + std::to_string(head_.position) +
                                " but the last event is at position " + std::to_string(last));
  }
  if (last > 0) {
    AlignedScratch scratch;
    auto st = with_event_view(last, it->value().ToStringView(), scratch,
                              [&](const EventView& view) -> core::Status {
                                last_recorded_at_ = view.envelope().getRecordedAt();
                                return core::ok_status();
                              });
    RETURN_IF_ERROR(st);
  }
  return core::ok_status();
}

EventStore::~EventStore() {
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  queue_cv_.notify_all();
  if (writer_.joinable()) writer_.join();
  {
    std::lock_guard lock(completions_mu_);
    completions_stopping_ = true;
  }
  completions_cv_.notify_all();
  if (completer_.joinable()) completer_.join();
  if (db_) {
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
    db_->Close().PermitUncheckedError();
  }
}

void EventStore::append_async(const core::Decision& decision, const AppendContext& context,
                              std::optional<IdempotencyKey> idempotency, AppendCallback done) {
  enqueue(decision, context, std::move(idempotency), std::move(done), false);
}

void EventStore::enqueue(const core::Decision& decision, const AppendContext& context,
                         std::optional<IdempotencyKey> idempotency, AppendCallback done,
                         bool wakes_caller) {
  auto pending = std::make_unique<PendingAppend>();
  pending->wakes_caller = wakes_caller;
  std::unordered_set<std::string_view> seen;
  size_t count = 0;
  for (const auto& write : decision) {
    if (!is_stream_name_storable(write.stream)) {
      done(unstorable_stream());
      return;
    }
    if (!seen.insert(write.stream).second) {
      done(core::make_error(core::ErrorCode::kValidationFailed,
                            "stream " + write.stream + " appears twice in one append"));
      return;
    }
    PendingAppend::Write w{write.stream, write.expected_version, {}};
    for (const auto& event : write.events) {
      w.envelopes.push_back(std::make_unique<PendingEnvelope>(write.stream, event, context));
    }
    count += write.events.size();
    pending->writes.push_back(std::move(w));
  }
  if (count == 0) {
    done(core::make_error(core::ErrorCode::kValidationFailed, "an append needs an event"));
    return;
  }
  pending->idempotency = std::move(idempotency);
  pending->done = std::move(done);
  {
    std::lock_guard lock(queue_mu_);
    if (stopping_) {
      pending->done(core::make_error(core::ErrorCode::kInternal, "the store is closing"));
      return;
    }
    queue_.push_back(std::move(pending));
  }
  queue_cv_.notify_one();
}

core::Result<AppendResult> EventStore::append(const core::Decision& decision,
                                              const AppendContext& context,
                                              std::optional<IdempotencyKey> idempotency) {
  std::mutex mu;
  std::condition_variable cv;
  std::optional<core::Result<AppendResult>> answer;
  enqueue(
      decision, context, std::move(idempotency),
      [&](core::Result<AppendResult> r) {
        std::lock_guard lock(mu);
        answer.emplace(std::move(r));
        cv.notify_one();
      },
      /*wakes_caller=*/true);
  std::unique_lock lock(mu);
  cv.wait(lock, [&] { return answer.has_value(); });
  return std::move(*answer);
}

void EventStore::writer_loop() {
  std::vector<std::unique_ptr<PendingAppend>> batch;
  for (;;) {
    {
      std::unique_lock lock(queue_mu_);
      queue_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // Stopping, and everything queued was written.
      const size_t n = std::min(queue_.size(), kMaxAppendsPerBatch);
      batch.assign(std::make_move_iterator(queue_.begin()),
                   std::make_move_iterator(queue_.begin() + n));
      queue_.erase(queue_.begin(), queue_.begin() + n);
    }
    commit_batch(batch);
    batch.clear();
  }
}

void EventStore::commit_batch(std::vector<std::unique_ptr<PendingAppend>>& batch) {
  rocksdb::WriteBatch wb;
  ChainHead head;
  {
    std::lock_guard lock(head_mu_);
    head = head_;
  }
  const int64_t now = std::max(options_.clock().micros, last_recorded_at_);

  // What this batch has decided so far, seen by the appends after it in the same batch.
  std::unordered_map<std::string, uint64_t> versions;
  std::unordered_map<std::string, std::string> keys;  // idempotency key -> stored value
  struct Outcome {
    core::Result<AppendResult> result;
    bool depends_on_batch;  // Fails with the batch if the write fails.
  };
  std::vector<Outcome> outcomes;
  outcomes.reserve(batch.size());

  auto current_version = [&](const std::string& stream) -> core::Result<uint64_t> {
    if (auto it = versions.find(stream); it != versions.end()) return it->second;
    if (auto it = stream_versions_.find(stream); it != stream_versions_.end()) return it->second;
    ASSIGN_OR_RETURN(uint64_t v, stream_version_in_db(stream));
    stream_versions_.emplace(stream, v);
    return v;
  };

  for (auto& pending : batch) {
    if (pending->idempotency) {
      const auto& key = pending->idempotency->key;
      std::string stored;
      bool found = false, from_batch = false;
      if (auto it = keys.find(key); it != keys.end()) {
        stored = it->second;
        found = from_batch = true;
      } else {
        auto st = db_->Get(rocksdb::ReadOptions(), idempotency_cf_, key, &stored);
        if (!st.ok() && !st.IsNotFound()) {
          outcomes.push_back({from_rocks(st, "reading an idempotency key"), false});
          continue;
        }
        found = st.ok();
      }
      if (found) {
        outcomes.push_back(
            {decode_idempotent_answer(stored, pending->idempotency->fingerprint), from_batch});
        continue;
      }
    }

    std::optional<core::Error> refusal;
    std::vector<uint64_t> start_versions;
    for (const auto& write : pending->writes) {
      auto v = current_version(write.stream);
      if (!v.ok()) {
        refusal = v.error();
        break;
      }
      if (write.expected_version != kAnyVersion && write.expected_version != *v) {
        refusal =
            core::make_error(core::ErrorCode::kVersionConflict,
                             "stream " + write.stream + " is at version " + std::to_string(*v) +
                                 ", not " + std::to_string(write.expected_version));
        break;
      }
      start_versions.push_back(*v);
    }
    if (refusal) {
      outcomes.push_back({std::move(*refusal), false});
      continue;
    }

    AppendResult result;
    result.first_position = head.position + 1;
    for (size_t i = 0; i < pending->writes.size(); ++i) {
      auto& write = pending->writes[i];
      uint64_t version = start_versions[i];
      for (auto& envelope : write.envelopes) {
        ++head.position;
        ++version;
        auto words = envelope->seal(head.position, version, core::Instant{now});
        std::string_view bytes(reinterpret_cast<const char*>(words.begin()),
                               words.size() * sizeof(capnp::word));
        head.hash = chain_hash(head.hash, bytes);
        wb.Put(events_cf_, position_key(head.position), make_record(head.hash, bytes));
        wb.Put(streams_cf_, stream_key(write.stream, version), position_key(head.position));
      }
      versions[write.stream] = version;
      result.stream_versions.emplace_back(write.stream, version);
    }
    result.last_position = head.position;
    if (pending->idempotency) {
      std::string stored = encode_idempotent_answer(pending->idempotency->fingerprint, result);
      wb.Put(idempotency_cf_, pending->idempotency->key, stored);
      keys.emplace(pending->idempotency->key, std::move(stored));
    }
    outcomes.push_back({std::move(result), true});
  }

  std::optional<core::Error> batch_error;
  if (wb.Count() > 0) {
    wb.Put(meta_cf_, kMetaChainHead, encode_head(head));
    rocksdb::WriteOptions wo;
    wo.sync = options_.sync;
    auto status = db_->Write(wo, &wb);
    if (!status.ok()) {
      // Versions read from disk in this batch are still true; the batch's own are not.
      batch_error = from_rocks(status, "appending");
    } else {
      for (auto& [stream, version] : versions) stream_versions_[stream] = version;
      {
        std::lock_guard lock(head_mu_);
        head_ = head;
        last_recorded_at_ = now;
      }
      head_cv_.notify_all();
      listeners_.notify(head.position);
    }
  }
  // The answers go to the completion thread, in one hand-over, and the writer moves on.
  auto answers =
      std::make_shared<std::vector<std::pair<AppendCallback, core::Result<AppendResult>>>>();
  answers->reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    core::Result<AppendResult> result = batch_error && outcomes[i].depends_on_batch
                                            ? core::Result<AppendResult>(*batch_error)
                                            : std::move(outcomes[i].result);
    if (batch[i]->wakes_caller) {
      batch[i]->done(std::move(result));
    } else {
      answers->emplace_back(std::move(batch[i]->done), std::move(result));
    }
  }
  if (answers->empty()) return;
  {
    std::lock_guard lock(completions_mu_);
    completions_.push_back([answers] {
      for (auto& [done, result] : *answers) done(std::move(result));
    });
  }
  completions_cv_.notify_one();
}

void EventStore::completer_loop() {
  std::vector<std::function<void()>> work;
  for (;;) {
    {
      std::unique_lock lock(completions_mu_);
      completions_cv_.wait(lock, [&] { return completions_stopping_ || !completions_.empty(); });
      if (completions_.empty()) return;  // Stopping, and every answer was given.
      work.swap(completions_);
    }
    for (auto& job : work) job();
    work.clear();
  }
}

ChainHead EventStore::head() const {
  std::lock_guard lock(head_mu_);
  return head_;
}

core::Result<uint64_t> EventStore::stream_version(std::string_view stream) const {
  return stream_version_in_db(stream);
}

core::Result<uint64_t> EventStore::stream_version_in_db(std::string_view stream) const {
  if (!is_stream_name_storable(stream)) return unstorable_stream();
  const std::string upper = stream_key(stream, UINT64_MAX);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_cf_));
  it->SeekForPrev(upper);
  if (!it->status().ok()) return from_rocks(it->status(), "reading a stream head");
  const std::string prefix = stream_prefix(stream);
  if (!it->Valid() || !it->key().starts_with(prefix) || it->key().size() != prefix.size() + 8) {
    return uint64_t{0};
  }
  return get_u64_be(it->key().ToStringView().substr(prefix.size()));
}

core::Result<std::vector<std::string>> EventStore::streams_with_prefix(
    std::string_view prefix) const {
  std::vector<std::string> names;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_cf_));
  it->Seek(rocksdb::Slice(prefix.data(), prefix.size()));
  while (it->Valid() && it->key().starts_with(rocksdb::Slice(prefix.data(), prefix.size()))) {
    const std::string_view key = it->key().ToStringView();
    const size_t end = key.find('\0');
    if (end == std::string_view::npos) {
      return core::make_error(core::ErrorCode::kCorrupt, "a stream index key is malformed");
    }
    names.emplace_back(key.substr(0, end));
    // Skip the rest of this stream's versions: its keys all sort before name ‖ 0x01.
    it->Seek(names.back() + '\x01');
  }
  if (!it->status().ok()) return from_rocks(it->status(), "listing streams");
  return names;
}

core::Result<std::optional<AppendResult>> EventStore::find_idempotent(
    const IdempotencyKey& key) const {
  std::string stored;
  auto st = db_->Get(rocksdb::ReadOptions(), idempotency_cf_, key.key, &stored);
  if (st.IsNotFound()) return std::optional<AppendResult>();
  if (!st.ok()) return from_rocks(st, "reading an idempotency key");
  ASSIGN_OR_RETURN(auto result, decode_idempotent_answer(stored, key.fingerprint));
  return std::optional<AppendResult>(std::move(result));
}

core::Status EventStore::scan(uint64_t from, uint64_t to,
                              const std::function<bool(const EventView&)>& fn) const {
  from = std::max<uint64_t>(from, 1);
  rocksdb::ReadOptions ro;
  ro.readahead_size = 2 << 20;
  ro.fill_cache = false;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(ro, events_cf_));
  AlignedScratch scratch;
  uint64_t expected = from;
  bool stop = false;
  for (it->Seek(position_key(from)); it->Valid() && expected <= to && !stop; it->Next()) {
    const uint64_t position = get_u64_be(it->key().ToStringView());
    if (position != expected) {
      return corrupt_at(expected, "missing (next record is at " + std::to_string(position) + ")");
    }
    RETURN_IF_ERROR(with_event_view(position, it->value().ToStringView(), scratch,
                                    [&](const EventView& view) -> core::Status {
                                      stop = !fn(view);
                                      return core::ok_status();
                                    }));
    ++expected;
  }
  if (!it->status().ok()) return from_rocks(it->status(), "scanning the log");
  return core::ok_status();
}

core::Result<std::vector<core::RecordedEvent>> EventStore::read_all(uint64_t from,
                                                                    size_t limit) const {
  std::vector<core::RecordedEvent> out;
  if (limit == 0) return out;
  std::optional<core::Error> error;
  RETURN_IF_ERROR(scan(from, head().position, [&](const EventView& view) {
    auto e = view.decode();
    if (!e.ok()) {
      error = e.error();
      return false;
    }
    out.push_back(std::move(e).value());
    return out.size() < limit;
  }));
  if (error) return *error;
  return out;
}

core::Result<std::vector<uint64_t>> EventStore::stream_positions(std::string_view stream,
                                                                 uint64_t from_version,
                                                                 size_t limit) const {
  if (!is_stream_name_storable(stream)) return unstorable_stream();
  std::vector<uint64_t> positions;
  const std::string prefix = stream_prefix(stream);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), streams_cf_));
  for (it->Seek(stream_key(stream, std::max<uint64_t>(from_version, 1)));
       it->Valid() && it->key().starts_with(prefix) && positions.size() < limit; it->Next()) {
    if (it->value().size() != 8) {
      return core::make_error(core::ErrorCode::kCorrupt,
                              "stream index entry of " + std::string(stream) + " is malformed");
    }
    positions.push_back(get_u64_be(it->value().ToStringView()));
  }
  if (!it->status().ok()) return from_rocks(it->status(), "reading a stream");
  return positions;
}

core::Result<std::vector<core::RecordedEvent>> EventStore::read_stream(std::string_view stream,
                                                                       uint64_t from_version,
                                                                       size_t limit) const {
  ASSIGN_OR_RETURN(auto positions, stream_positions(stream, from_version, limit));
  std::vector<core::RecordedEvent> out;
  out.reserve(positions.size());
  AlignedScratch scratch;
  rocksdb::PinnableSlice value;
  for (uint64_t position : positions) {
    value.Reset();
    auto st = db_->Get(rocksdb::ReadOptions(), events_cf_, position_key(position), &value);
    if (st.IsNotFound())
      return corrupt_at(position, "indexed by " + std::string(stream) + " but missing");
    if (!st.ok()) return from_rocks(st, "reading an event");
    RETURN_IF_ERROR(with_event_view(position, value.ToStringView(), scratch,
                                    [&](const EventView& view) -> core::Status {
                                      if (view.stream() != stream) {
                                        return corrupt_at(position, "belongs to another stream");
                                      }
                                      ASSIGN_OR_RETURN(auto e, view.decode());
                                      out.push_back(std::move(e));
                                      return core::ok_status();
                                    }));
  }
  return out;
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

core::Result<Hash> EventStore::hash_at(uint64_t position) const {
  if (position == 0) return Hash{};
  std::string value;
  auto st = db_->Get(rocksdb::ReadOptions(), events_cf_, position_key(position), &value);
  if (st.IsNotFound()) return corrupt_at(position, "missing");
  if (!st.ok()) return from_rocks(st, "reading an event");
  ASSIGN_OR_RETURN(auto parts, split_record(value));
  return parts.hash;
}

VerifyReport EventStore::verify(uint64_t from, uint64_t to) const {
  VerifyReport report;
  from = std::max<uint64_t>(from, 1);
  to = std::min(to, head().position);
  if (from > to) return report;
  auto fail = [&](uint64_t position, std::string problem) {
    report.ok = false;
    report.first_bad = position;
    report.problem = std::move(problem);
  };
  auto previous = hash_at(from - 1);
  if (!previous.ok()) {
    fail(from - 1, previous.error().message);
    return report;
  }
  Hash prev = *previous;
  auto status = scan(from, to, [&](const EventView& view) {
    const Hash expected = chain_hash(prev, view.envelope_bytes());
    if (expected != view.hash()) {
      fail(view.position(), "hash does not match its bytes and the previous hash");
      return false;
    }
    prev = view.hash();
    ++report.checked;
    return true;
  });
  if (!status.ok()) {
    fail(from + report.checked, status.error().message);
  } else if (report.ok && report.checked != to - from + 1) {
    fail(from + report.checked, "missing");
  }
  return report;
}

core::Result<uint64_t> EventStore::position_at(core::Instant instant) const {
  // recorded_at never decreases along positions: binary search over them.
  uint64_t lo = 0, hi = head().position;  // Answer in [lo, hi].
  std::string value;
  AlignedScratch scratch;
  while (lo < hi) {
    const uint64_t mid = lo + (hi - lo + 1) / 2;
    auto st = db_->Get(rocksdb::ReadOptions(), events_cf_, position_key(mid), &value);
    if (!st.ok()) return from_rocks(st, "reading an event");
    int64_t recorded = 0;
    RETURN_IF_ERROR(with_event_view(mid, value, scratch, [&](const EventView& view) {
      recorded = view.envelope().getRecordedAt();
      return core::ok_status();
    }));
    if (recorded <= instant.micros) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

core::Status EventStore::checkpoint(const std::string& dir) const {
  rocksdb::Checkpoint* raw = nullptr;
  auto st = rocksdb::Checkpoint::Create(db_.get(), &raw);
  if (!st.ok()) return from_rocks(st, "starting a checkpoint");
  std::unique_ptr<rocksdb::Checkpoint> cp(raw);
  // Flushing first keeps the copy to SST files; the WAL would do too, but is larger to copy.
  st = cp->CreateCheckpoint(dir, /*log_size_for_flush=*/0);
  if (!st.ok()) return from_rocks(st, "writing a checkpoint to " + dir);
  return core::ok_status();
}

std::mutex& EventStore::decision_lock(std::string_view stream) const {
  return decision_locks_[std::hash<std::string_view>{}(stream) % kDecisionLockStripes];
}

rocksdb::ColumnFamilyHandle* EventStore::column_family(std::string_view name) const {
  auto it = families_.find(std::string(name));
  return it == families_.end() ? nullptr : it->second;
}

}  // namespace mandate::events
