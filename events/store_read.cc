// Reading the log: stream versions and indexes, scans by position, decoded reads.

#include <algorithm>

#include <rocksdb/db.h>

#include "events/append_result_codec.h"
#include "events/envelope.h"
#include "events/keys.h"
#include "events/rocks_status.h"
#include "events/store.h"

namespace mandate::events {
namespace {

// A name that is not is_stream_name_storable() is refused by every read, rather than read as
// the keys of another stream.
core::Error unstorable_stream() {
  return core::make_error(core::ErrorCode::kValidationFailed,
                          "a stream name must not be empty or hold a zero byte");
}

}  // namespace

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

core::Result<std::optional<std::string>> EventStore::stored_idempotent_answer(
    const std::string& key) const {
  std::string stored;
  auto st = db_->Get(rocksdb::ReadOptions(), idempotency_cf_, key, &stored);
  if (st.IsNotFound()) return std::optional<std::string>();
  if (!st.ok()) return from_rocks(st, "reading an idempotency key");
  return std::optional<std::string>(std::move(stored));
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
                                    [&](const EnvelopeView& view) -> core::Status {
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
                                    [&](const EnvelopeView& view) -> core::Status {
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
    RETURN_IF_ERROR(with_event_view(mid, value, scratch, [&](const EnvelopeView& view) {
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

}  // namespace mandate::events
