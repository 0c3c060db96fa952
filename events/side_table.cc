#include "events/side_table.h"

#include <memory>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "events/rocks_status.h"

namespace mandate::events {

core::Status SideTable::put_flushed(const std::vector<Entry>& entries) const {
  rocksdb::WriteBatch batch;
  for (const auto& [key, value] : entries) batch.Put(family_, key, value);
  rocksdb::WriteOptions options;
  options.disableWAL = true;
  auto status = db_->Write(options, &batch);
  if (!status.ok()) return from_rocks(status, "writing beside the log");
  status = db_->Flush(rocksdb::FlushOptions(), family_);
  if (!status.ok()) return from_rocks(status, "flushing beside the log");
  return core::ok_status();
}

core::Result<std::optional<std::string>> SideTable::get(std::string_view key) const {
  std::string value;
  auto status =
      db_->Get(rocksdb::ReadOptions(), family_, rocksdb::Slice(key.data(), key.size()), &value);
  if (status.IsNotFound()) return std::optional<std::string>();
  if (!status.ok()) return from_rocks(status, "reading beside the log");
  return std::optional<std::string>(std::move(value));
}

core::Status SideTable::for_each_back(
    std::string_view prefix, std::string_view key,
    const std::function<bool(std::string_view, std::string_view)>& fn) const {
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family_));
  for (it->SeekForPrev(rocksdb::Slice(key.data(), key.size())); it->Valid(); it->Prev()) {
    const std::string_view k = it->key().ToStringView();
    if (!k.starts_with(prefix)) break;
    if (!fn(k, it->value().ToStringView())) break;
  }
  if (!it->status().ok()) return from_rocks(it->status(), "reading beside the log");
  return core::ok_status();
}

core::Status SideTable::erase(std::string_view begin, std::string_view end) const {
  rocksdb::WriteBatch batch;
  batch.DeleteRange(family_, rocksdb::Slice(begin.data(), begin.size()),
                    rocksdb::Slice(end.data(), end.size()));
  auto status = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) return from_rocks(status, "erasing beside the log");
  return core::ok_status();
}

core::Status SideTable::erase(const std::vector<std::string>& keys) const {
  rocksdb::WriteBatch batch;
  for (const auto& key : keys) batch.Delete(family_, key);
  auto status = db_->Write(rocksdb::WriteOptions(), &batch);
  if (!status.ok()) return from_rocks(status, "erasing beside the log");
  return core::ok_status();
}

}  // namespace mandate::events
