// Opening the store: its column families, the schema version, the head and its agreement with
// the last record.

#include <algorithm>
#include <cstring>

#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include "events/envelope.h"
#include "events/keys.h"
#include "events/rocks_status.h"
#include "events/store.h"

namespace mandate::events {
namespace {

constexpr const char* kEventsCf = "events";
constexpr const char* kStreamsCf = "streams";
constexpr const char* kMetaCf = "meta";
constexpr const char* kIdempotencyCf = "idempotency";
constexpr const char* kTreeCf = "tree";
constexpr const char* kTreeCheckpointsCf = "tree_checkpoints";

}  // namespace

EventStore::EventStore(StoreOptions options) : options_(std::move(options)) {}

core::Result<std::unique_ptr<EventStore>> EventStore::open(StoreOptions options) {
  MANDATE_CHECK(static_cast<bool>(options.clock), "StoreOptions::clock is required");
  std::unique_ptr<EventStore> store(new EventStore(std::move(options)));
  RETURN_IF_ERROR(store->open_db());
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

  // The store's own families; any other is a higher layer's (options_.extra_column_families).
  const std::vector<std::string> own = {rocksdb::kDefaultColumnFamilyName,
                                        kEventsCf,
                                        kStreamsCf,
                                        kMetaCf,
                                        kIdempotencyCf,
                                        kTreeCf,
                                        kTreeCheckpointsCf};
  std::vector<std::string> names = own;
  for (const auto& extra : options_.extra_column_families) names.push_back(extra);
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(db_options, options_.path, &existing).ok()) {
    for (const auto& name : existing) names.push_back(name);
  }
  std::sort(names.begin() + 1, names.end());
  names.erase(std::unique(names.begin() + 1, names.end()), names.end());

  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
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
  tree_cf_ = families_[kTreeCf];
  tree_checkpoints_cf_ = families_[kTreeCheckpointsCf];

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
                              [&](const EnvelopeView& view) -> core::Status {
                                tip_recorded_at_ = view.envelope().getRecordedAt();
                                return core::ok_status();
                              });
    RETURN_IF_ERROR(st);
  }
  tip_ = head_;
  return open_tree();
}

EventStore::~EventStore() {
  if (db_) {
    for (auto* handle : handles_) db_->DestroyColumnFamilyHandle(handle);
    db_->Close().PermitUncheckedError();
  }
}

core::Result<SideTable> EventStore::side_table(std::string_view family) const {
  auto it = families_.find(std::string(family));
  if (it == families_.end()) {
    return core::make_error(
        core::ErrorCode::kInternal,
        "the store was opened without the column family " + std::string(family));
  }
  return SideTable(db_.get(), it->second);
}

}  // namespace mandate::events
