#pragma once

// A column family beside the log, where a higher layer keeps state derived from it (the
// projections' snapshots). The narrow door through which such a layer stores bytes without
// seeing RocksDB: keys and values are plain bytes, and the log's own families stay out of
// reach.
//
// Thread-safety: every method may be called from any thread.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace mandate::events {

class SideTable {
 public:
  using Entry = std::pair<std::string, std::string>;

  // Writes every entry in one batch, without the write-ahead log, then flushes the family, so
  // that a large value goes straight to a file instead of being replayed from the log at the
  // next start. Derived data only: a crash before the flush loses this write.
  core::Status put_flushed(const std::vector<Entry>& entries) const;

  // The value under `key`; nullopt when there is none.
  core::Result<std::optional<std::string>> get(std::string_view key) const;

  // Calls fn(key, value) for each key at or before `key` that starts with `prefix`, newest
  // (largest) first, until fn returns false.
  core::Status for_each_back(
      std::string_view prefix, std::string_view key,
      const std::function<bool(std::string_view, std::string_view)>& fn) const;

  // Removes the keys in [begin, end).
  core::Status erase(std::string_view begin, std::string_view end) const;
  // Removes each of `keys`, in one batch.
  core::Status erase(const std::vector<std::string>& keys) const;

 private:
  friend class EventStore;
  SideTable(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* family) : db_(db), family_(family) {}

  rocksdb::DB* db_;
  rocksdb::ColumnFamilyHandle* family_;
};

}  // namespace mandate::events
