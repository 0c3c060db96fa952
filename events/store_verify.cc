// Checking the log: recomputing the hash chain, and a consistent copy of the whole store.

#include <algorithm>

#include <rocksdb/db.h>
#include <rocksdb/utilities/checkpoint.h>

#include "events/envelope.h"
#include "events/keys.h"
#include "events/rocks_status.h"
#include "events/store.h"

namespace mandate::events {

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

}  // namespace mandate::events
