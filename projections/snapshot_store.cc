#include "projections/snapshot_store.h"

#include <algorithm>
#include <cstdint>
#include <future>
#include <memory>

#include "events/keys.h"

namespace mandate::projections {
namespace {

// Bumped when the header or the meaning of a state changes without its shape changing (e.g. a
// fix to an evolve() rule): every older snapshot is then passed over and rebuilt.
constexpr uint64_t kSnapshotFormat = 1;

constexpr std::string_view kCheckpointKey = "checkpoint";

constexpr std::string_view kSnapshotPrefix = "s";
constexpr std::string_view kMarkerPrefix = "k";
// Present once every snapshot of the family has its marker.
constexpr std::string_view kMarkedKey = "marked";

std::string key_of(std::string_view prefix, uint64_t position) {
  std::string key(prefix);
  events::put_u64_be(key, position);
  return key;
}

std::string snapshot_key(uint64_t position) { return key_of(kSnapshotPrefix, position); }
std::string marker_key(uint64_t position) { return key_of(kMarkerPrefix, position); }

// The positions of the keys under `prefix`, ascending (RocksDB reads each value on the way: a
// snapshot under "s", nothing under "k").
core::Result<std::vector<uint64_t>> positions_under(const events::SideTable& table,
                                                    std::string_view prefix) {
  std::vector<uint64_t> found;
  RETURN_IF_ERROR(table.for_each_back(prefix, key_of(prefix, UINT64_MAX),
                                      [&](std::string_view key, std::string_view) {
                                        if (key.size() == 9) {
                                          found.push_back(events::get_u64_be(key.substr(1, 8)));
                                        }
                                        return true;
                                      }));
  std::reverse(found.begin(), found.end());
  return found;
}

core::Result<events::SideTable> table_of(const events::EventStore& store,
                                         const Projection& projection) {
  return store.side_table(snapshot_family(projection.name()));
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

std::string SnapshotStore::encode(const Projection& projection, uint64_t position) {
  snapshot::Writer out;
  out.varint(kSnapshotFormat);
  out.varint(projection.shape());
  out.varint(position);
  projection.save(out);
  return out.data();
}

core::Status SnapshotStore::save(const Projection& projection, uint64_t position) const {
  return save_encoded(projection, position, encode(projection, position));
}

core::Status SnapshotStore::save_encoded(const Projection& projection, uint64_t position,
                                         const std::string& encoded) const {
  ASSIGN_OR_RETURN(auto table, table_of(store_, projection));
  std::string checkpoint;
  events::put_u64_be(checkpoint, position);
  // Not through the write-ahead log, and flushed at once: a snapshot is tens of megabytes that
  // a restart would otherwise replay from the log into memory before it could load it, and
  // flushing moves it to a blob file. A crash before the flush loses only this snapshot.
  return table.put_flushed({{snapshot_key(position), encoded},
                            {marker_key(position), ""},
                            {std::string(kCheckpointKey), std::move(checkpoint)}});
}

core::Result<uint64_t> SnapshotStore::load(Projection& projection, uint64_t position) const {
  projection.clear();
  if (position == 0) return uint64_t{0};
  ASSIGN_OR_RETURN(auto table, table_of(store_, projection));
  uint64_t loaded = 0;
  RETURN_IF_ERROR(table.for_each_back("s", snapshot_key(position),
                                      [&](std::string_view key, std::string_view value) {
                                        if (key.size() != 9) return false;
                                        const uint64_t at = events::get_u64_be(key.substr(1, 8));
                                        if (!load_one(projection, value, at))
                                          return true;  // Try the one before.
                                        loaded = at;
                                        return false;
                                      }));
  return loaded;
}

std::vector<core::Result<uint64_t>> SnapshotStore::load_each(
    const std::vector<Projection*>& projections, uint64_t position) const {
  std::vector<std::future<core::Result<uint64_t>>> loading;
  for (auto* projection : projections) {
    loading.push_back(std::async(
        std::launch::async, [this, projection, position] { return load(*projection, position); }));
  }
  std::vector<core::Result<uint64_t>> loaded;
  for (auto& one : loading) loaded.push_back(one.get());
  return loaded;
}

core::Result<std::vector<uint64_t>> SnapshotStore::positions(const Projection& projection) const {
  ASSIGN_OR_RETURN(auto table, table_of(store_, projection));
  ASSIGN_OR_RETURN(auto marked, table.get(kMarkedKey));
  if (marked) return positions_under(table, kMarkerPrefix);
  // Snapshots taken before markers existed have none: one pass over the snapshots (reading
  // each, once per directory) marks them all, and from then on the markers list them.
  ASSIGN_OR_RETURN(auto stored, positions_under(table, kSnapshotPrefix));
  std::vector<events::SideTable::Entry> markers{{std::string(kMarkedKey), ""}};
  for (const uint64_t at : stored) markers.emplace_back(marker_key(at), "");
  RETURN_IF_ERROR(table.put_flushed(markers));
  return stored;
}

core::Result<size_t> SnapshotStore::thin(const Projection& projection,
                                         const SnapshotSchedule& schedule) const {
  ASSIGN_OR_RETURN(auto table, table_of(store_, projection));
  ASSIGN_OR_RETURN(auto stored, positions(projection));
  const auto thinned = snapshots_to_thin(schedule, stored);
  if (thinned.empty()) return size_t{0};
  std::vector<std::string> keys;
  for (const uint64_t at : thinned) {
    keys.push_back(snapshot_key(at));
    keys.push_back(marker_key(at));
  }
  RETURN_IF_ERROR(table.erase(keys));
  return thinned.size();
}

core::Result<uint64_t> SnapshotStore::checkpoint(const Projection& projection) const {
  ASSIGN_OR_RETURN(auto table, table_of(store_, projection));
  ASSIGN_OR_RETURN(auto value, table.get(kCheckpointKey));
  if (!value) return uint64_t{0};
  if (value->size() != 8) {
    return core::make_error(
        core::ErrorCode::kCorrupt,
        "the checkpoint of " + snapshot_family(projection.name()) + " is not 8 bytes");
  }
  return events::get_u64_be(*value);
}

core::Status SnapshotStore::discard(const Projection& projection) const {
  ASSIGN_OR_RETURN(auto table, table_of(store_, projection));
  // "k" to "t" holds the markers, "marked" and the snapshots.
  RETURN_IF_ERROR(table.erase(kMarkerPrefix, "t"));
  return table.erase({std::string(kCheckpointKey)});
}

}  // namespace mandate::projections
