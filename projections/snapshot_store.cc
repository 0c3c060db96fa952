#include "projections/snapshot_store.h"

#include <rocksdb/db.h>

#include <future>
#include <memory>

#include "events/keys.h"
#include "events/rocks_status.h"

namespace mandate::projections {
namespace {

// Bumped when the header or the meaning of a state changes without its shape changing (e.g. a
// fix to an evolve() rule): every older snapshot is then passed over and rebuilt.
constexpr uint64_t kSnapshotFormat = 1;

constexpr std::string_view kCheckpointKey = "checkpoint";

std::string snapshot_key(uint64_t position) {
  std::string key = "s";
  events::put_u64_be(key, position);
  return key;
}

core::Result<rocksdb::ColumnFamilyHandle*> family_of(const events::EventStore& store,
                                                     const Projection& projection) {
  auto* family = store.column_family(snapshot_family(projection.name()));
  if (family == nullptr) {
    return core::make_error(core::ErrorCode::kInternal,
                            "the store was opened without the column family " +
                                snapshot_family(projection.name()));
  }
  return family;
}

// Loads one stored snapshot; false when it is not one this build can read.
bool load_one(Projection& projection, std::string_view value, uint64_t position) {
  snapshot::Reader in(value);
  uint64_t format = 0, shape = 0, at = 0;
  if (!in.varint(format) || format != kSnapshotFormat) return false;
  if (!in.varint(shape) || shape != projection.shape()) return false;
  if (!in.varint(at) || at != position) return false;
  projection.clear();
  if (projection.load(in) && in.done()) return true;
  projection.clear();
  return false;
}

}  // namespace

std::string snapshot_family(std::string_view projection_name) {
  return "view:" + std::string(projection_name);
}

core::Status SnapshotStore::save(const Projection& projection, uint64_t position) const {
  ASSIGN_OR_RETURN(auto* family, family_of(store_, projection));
  snapshot::Writer out;
  out.varint(kSnapshotFormat);
  out.varint(projection.shape());
  out.varint(position);
  projection.save(out);
  std::string checkpoint;
  events::put_u64_be(checkpoint, position);

  rocksdb::WriteBatch batch;
  batch.Put(family, snapshot_key(position), out.data());
  batch.Put(family, kCheckpointKey, checkpoint);
  // Not through the write-ahead log, and flushed at once: a snapshot is tens of megabytes that
  // a restart would otherwise replay from the log into memory before it could load it, and
  // flushing moves it to a blob file. A crash before the flush loses only this snapshot.
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  auto status = store_.db()->Write(options, &batch);
  if (!status.ok()) return events::from_rocks(status, "saving a snapshot");
  status = store_.db()->Flush(rocksdb::FlushOptions(), family);
  if (!status.ok()) return events::from_rocks(status, "flushing a snapshot");
  return core::Status();
}

core::Result<uint64_t> SnapshotStore::load(Projection& projection, uint64_t position) const {
  projection.clear();
  if (position == 0) return uint64_t{0};
  ASSIGN_OR_RETURN(auto* family, family_of(store_, projection));
  std::unique_ptr<rocksdb::Iterator> it(store_.db()->NewIterator(rocksdb::ReadOptions(), family));
  for (it->SeekForPrev(snapshot_key(position)); it->Valid(); it->Prev()) {
    const auto key = it->key();
    if (key.size() != 9 || key[0] != 's') break;
    const uint64_t at = events::get_u64_be(std::string_view(key.data() + 1, 8));
    const auto value = it->value();
    if (load_one(projection, std::string_view(value.data(), value.size()), at)) return at;
  }
  if (!it->status().ok()) return events::from_rocks(it->status(), "reading snapshots");
  return uint64_t{0};
}

std::vector<core::Result<uint64_t>> SnapshotStore::load_each(
    const std::vector<Projection*>& projections, uint64_t position) const {
  std::vector<std::future<core::Result<uint64_t>>> loading;
  for (auto* projection : projections) {
    loading.push_back(std::async(std::launch::async, [this, projection, position] {
      return load(*projection, position);
    }));
  }
  std::vector<core::Result<uint64_t>> loaded;
  for (auto& one : loading) loaded.push_back(one.get());
  return loaded;
}

core::Result<uint64_t> SnapshotStore::checkpoint(const Projection& projection) const {
  ASSIGN_OR_RETURN(auto* family, family_of(store_, projection));
  std::string value;
  auto status = store_.db()->Get(rocksdb::ReadOptions(), family, kCheckpointKey, &value);
  if (status.IsNotFound()) return uint64_t{0};
  if (!status.ok()) return events::from_rocks(status, "reading a checkpoint");
  if (value.size() != 8) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            "the checkpoint of " + snapshot_family(projection.name()) +
                                " is not 8 bytes");
  }
  return events::get_u64_be(value);
}

core::Status SnapshotStore::discard(const Projection& projection) const {
  ASSIGN_OR_RETURN(auto* family, family_of(store_, projection));
  rocksdb::WriteBatch batch;
  batch.DeleteRange(family, "s", "t");
  batch.Delete(family, kCheckpointKey);
  auto status = store_.db()->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) return events::from_rocks(status, "discarding snapshots");
  return core::Status();
}

}  // namespace mandate::projections
