#pragma once

// RocksDB's Status, translated in exactly one place.

#include <string>

#include <rocksdb/status.h>

#include "core/result.h"

namespace mandate::events {

// An Error for a RocksDB failure while `doing` something. Corruption is kCorrupt; everything
// else (I/O errors, a locked directory, ...) is kInternal.
inline core::Error from_rocks(const rocksdb::Status& status, const std::string& doing) {
  const auto code = status.IsCorruption() ? core::ErrorCode::kCorrupt : core::ErrorCode::kInternal;
  return core::make_error(code, doing + ": " + status.ToString());
}

}  // namespace mandate::events
