// The Merkle tree beside the log: brought up to the head when an older directory is opened,
// and read for roots and proofs. Appends extend it in store_append.cc.

#include <cstring>
#include <memory>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "events/envelope.h"
#include "events/keys.h"
#include "events/rocks_status.h"
#include "events/store.h"

namespace mandate::events {
namespace {

// Events hashed into the tree per write while an older directory gains its tree: each write
// records how far it got, so an interrupted start resumes there.
constexpr uint64_t kTreeChunk = 65'536;

rocksdb::Slice slice_of(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

}  // namespace

core::Result<Hash> EventStore::tree_node(uint8_t level, uint64_t index) const {
  if (level == 0) {
    std::string value;
    auto st = db_->Get(rocksdb::ReadOptions(), events_cf_, position_key(index + 1), &value);
    if (st.IsNotFound()) return corrupt_at(index + 1, "missing");
    if (!st.ok()) return from_rocks(st, "reading an event");
    ASSIGN_OR_RETURN(auto parts, split_record(value));
    return merkle_leaf_hash(parts.envelope);
  }
  if (!merkle_node_stored(level)) {
    ASSIGN_OR_RETURN(auto left, tree_node(level - 1, 2 * index));
    ASSIGN_OR_RETURN(auto right, tree_node(level - 1, 2 * index + 1));
    return merkle_node_hash(left, right);
  }
  std::string value;
  auto st = db_->Get(rocksdb::ReadOptions(), tree_cf_, tree_key(level, index), &value);
  if (st.IsNotFound() || (st.ok() && value.size() != kHashSize)) {
    return core::make_error(core::ErrorCode::kCorrupt, "the Merkle tree has no node " +
                                                           std::to_string(index) + " at level " +
                                                           std::to_string(level));
  }
  if (!st.ok()) return from_rocks(st, "reading the Merkle tree");
  Hash h;
  std::memcpy(h.data(), value.data(), kHashSize);
  return h;
}

NodeReader EventStore::tree_nodes() const {
  return [this](uint8_t level, uint64_t index) { return tree_node(level, index); };
}

core::Status EventStore::open_tree() {
  std::string value;
  uint64_t size = 0;
  auto st = db_->Get(rocksdb::ReadOptions(), meta_cf_, kMetaTreeSize, &value);
  if (st.ok()) {
    if (value.size() != 8) {
      return core::make_error(core::ErrorCode::kCorrupt, "the tree size record is malformed");
    }
    size = get_u64_be(value);
  } else if (!st.IsNotFound()) {
    return from_rocks(st, "reading the tree size");
  }
  const uint64_t head = head_.position;
  if (size > head) {
    return core::make_error(core::ErrorCode::kCorrupt,
                            "the Merkle tree holds " + std::to_string(size) +
                                " events but the log ends at " + std::to_string(head));
  }
  ASSIGN_OR_RETURN(auto edge, MerkleEdge::load(size, tree_nodes()));
  // A directory written before the tree (or a start interrupted while it was being built):
  // the events after `size` are hashed in, in chunks that each record how far they got.
  while (edge.size() < head) {
    const uint64_t from = edge.size() + 1;
    const uint64_t to = std::min(head, edge.size() + kTreeChunk);
    rocksdb::WriteBatch batch;
    RETURN_IF_ERROR(scan(from, to, [&](const EventView& view) {
      for (const auto& n : edge.append(merkle_leaf_hash(view.envelope_bytes()))) {
        if (!merkle_node_stored(n.level)) continue;
        batch.Put(tree_cf_, tree_key(n.level, n.index), slice_of(n.hash));
      }
      return true;
    }));
    if (edge.size() != to) return corrupt_at(edge.size() + 1, "missing");
    std::string tree_size;
    put_u64_be(tree_size, to);
    batch.Put(meta_cf_, kMetaTreeSize, tree_size);
    rocksdb::WriteOptions options;
    options.sync = options_.sync;
    if (auto written = db_->Write(options, &batch); !written.ok()) {
      return from_rocks(written, "building the Merkle tree");
    }
  }
  edge_ = std::move(edge);
  return core::ok_status();
}

core::Status EventStore::check_tree_size(uint64_t size) const {
  const uint64_t head = this->head().position;
  if (size > head) {
    return core::make_error(
        core::ErrorCode::kValidationFailed,
        "the log holds " + std::to_string(head) + " events, not " + std::to_string(size), "size");
  }
  return core::ok_status();
}

core::Result<Hash> EventStore::tree_root(uint64_t size) const {
  RETURN_IF_ERROR(check_tree_size(size));
  return merkle_root(size, tree_nodes());
}

core::Result<std::vector<Hash>> EventStore::inclusion_proof(uint64_t position,
                                                            uint64_t size) const {
  RETURN_IF_ERROR(check_tree_size(size));
  if (position == 0 || position > size) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            "the position must be from 1 to the size", "position");
  }
  return merkle_inclusion_proof(position - 1, size, tree_nodes());
}

core::Result<std::vector<Hash>> EventStore::consistency_proof(uint64_t from, uint64_t to) const {
  RETURN_IF_ERROR(check_tree_size(to));
  if (from == 0 || from > to) {
    return core::make_error(core::ErrorCode::kValidationFailed, "from must be from 1 to `to`",
                            "from");
  }
  return merkle_consistency_proof(from, to, tree_nodes());
}

VerifyReport EventStore::verify_tree() const {
  VerifyReport report;
  const uint64_t head = this->head().position;
  MerkleEdge edge;
  auto status = scan(1, head, [&](const EventView& view) {
    for (const auto& n : edge.append(merkle_leaf_hash(view.envelope_bytes()))) {
      if (!merkle_node_stored(n.level)) continue;
      auto stored = tree_node(n.level, n.index);
      if (!stored.ok() || *stored != n.hash) {
        report.ok = false;
        report.first_bad = (n.index << n.level) + 1;
        report.problem =
            "the Merkle tree's node " + std::to_string(n.index) + " at level " +
            std::to_string(n.level) +
            (stored.ok() ? " does not match the events under it" : ": " + stored.error().message);
        return false;
      }
    }
    ++report.checked;
    return true;
  });
  if (report.ok && !status.ok()) {
    report.ok = false;
    report.first_bad = report.checked + 1;
    report.problem = status.error().message;
  }
  return report;
}

core::Status EventStore::put_tree_checkpoint(uint64_t size, std::string_view note) {
  rocksdb::WriteOptions options;
  options.sync = options_.sync;
  auto st = db_->Put(options, tree_checkpoints_cf_, position_key(size),
                     rocksdb::Slice(note.data(), note.size()));
  if (!st.ok()) return from_rocks(st, "storing a checkpoint");
  return core::ok_status();
}

core::Result<std::optional<std::pair<uint64_t, std::string>>> EventStore::tree_checkpoint(
    std::optional<uint64_t> size) const {
  using Found = std::optional<std::pair<uint64_t, std::string>>;
  if (size) {
    std::string value;
    auto st = db_->Get(rocksdb::ReadOptions(), tree_checkpoints_cf_, position_key(*size), &value);
    if (st.IsNotFound()) return Found();
    if (!st.ok()) return from_rocks(st, "reading a checkpoint");
    return Found(std::pair(*size, std::move(value)));
  }
  std::unique_ptr<rocksdb::Iterator> it(
      db_->NewIterator(rocksdb::ReadOptions(), tree_checkpoints_cf_));
  it->SeekToLast();
  if (!it->status().ok()) return from_rocks(it->status(), "reading a checkpoint");
  if (!it->Valid()) return Found();
  return Found(std::pair(get_u64_be(it->key().ToStringView()), it->value().ToString()));
}

core::Result<Hash> EventStore::leaf_hash(uint64_t position) const {
  if (position == 0 || position > head().position) {
    return core::make_error(core::ErrorCode::kNotFound,
                            "no event at position " + std::to_string(position), "position");
  }
  return tree_node(0, position - 1);
}

}  // namespace mandate::events
