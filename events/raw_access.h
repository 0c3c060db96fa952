#pragma once

// Reaching past the log's rules to its stored bytes, by column family and key: for tests that
// damage a store on purpose (to prove that verify, open and restore notice) and for benchmarks
// that compact a freshly written log. Nothing in the server uses it; everything else goes
// through EventStore, so that RocksDB stays behind this layer.

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "events/store.h"

namespace mandate::events {

class RawAccess {
 public:
  // The stored value under `key` in `family` ("events", "streams", "meta", "idempotency" or
  // an extra family); nullopt when there is none.
  static core::Result<std::optional<std::string>> get(const EventStore& store,
                                                      std::string_view family,
                                                      std::string_view key);
  // Writes or removes one value, behind the log's back.
  static core::Status put(EventStore& store, std::string_view family, std::string_view key,
                          std::string_view value);
  static core::Status erase(EventStore& store, std::string_view family, std::string_view key);
  // Compacts the whole family, as a server's background compactions would have over time.
  static core::Status compact(EventStore& store, std::string_view family);

 private:
  static core::Result<rocksdb::ColumnFamilyHandle*> family_of(const EventStore& store,
                                                              std::string_view family);
};

}  // namespace mandate::events
