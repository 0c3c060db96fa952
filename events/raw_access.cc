#include "events/raw_access.h"

#include <rocksdb/db.h>

#include "events/rocks_status.h"

namespace mandate::events {
namespace {

rocksdb::Slice slice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

}  // namespace

core::Result<rocksdb::ColumnFamilyHandle*> RawAccess::family_of(const EventStore& store,
                                                                std::string_view family) {
  auto it = store.families_.find(std::string(family));
  if (it == store.families_.end()) {
    return core::make_error(core::ErrorCode::kNotFound, "no column family " + std::string(family));
  }
  return it->second;
}

core::Result<std::optional<std::string>> RawAccess::get(const EventStore& store,
                                                        std::string_view family,
                                                        std::string_view key) {
  ASSIGN_OR_RETURN(auto* handle, family_of(store, family));
  std::string value;
  auto status = store.db_->Get(rocksdb::ReadOptions(), handle, slice(key), &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) return from_rocks(status, "reading a raw value");
  return std::optional<std::string>(std::move(value));
}

core::Status RawAccess::put(EventStore& store, std::string_view family, std::string_view key,
                            std::string_view value) {
  ASSIGN_OR_RETURN(auto* handle, family_of(store, family));
  auto status = store.db_->Put(rocksdb::WriteOptions(), handle, slice(key), slice(value));
  if (!status.ok()) return from_rocks(status, "writing a raw value");
  return core::ok_status();
}

core::Status RawAccess::erase(EventStore& store, std::string_view family, std::string_view key) {
  ASSIGN_OR_RETURN(auto* handle, family_of(store, family));
  auto status = store.db_->Delete(rocksdb::WriteOptions(), handle, slice(key));
  if (!status.ok()) return from_rocks(status, "removing a raw value");
  return core::ok_status();
}

core::Status RawAccess::compact(EventStore& store, std::string_view family) {
  ASSIGN_OR_RETURN(auto* handle, family_of(store, family));
  auto status = store.db_->CompactRange(rocksdb::CompactRangeOptions(), handle, nullptr, nullptr);
  if (!status.ok()) return from_rocks(status, "compacting");
  return core::ok_status();
}

}  // namespace mandate::events
