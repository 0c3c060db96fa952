#pragma once

// The Merkle tree over the log, in the hashing of RFC 9162 (Certificate Transparency 2.0,
// section 2.1): leaf = SHA-256(0x00 ‖ entry), node = SHA-256(0x01 ‖ left ‖ right), the tree of
// n leaves split at the largest power of two below n. Leaf i (from 0) is the envelope of the
// event at position i + 1, as stored (canonical Cap'n Proto words).
//
// Only complete subtrees are stored, and of those only every fourth level: the node at level L
// and index i covers leaves [i·2^L, (i+1)·2^L), and it is stored when L is 4, 8, 12...
// Appending a leaf completes one node on average (computed from the right edge kept in memory,
// MerkleEdge) but stores one in 15: a synced write carries 3 bytes of tree per event instead
// of 80, which on this log's disk is what an append costs. The other nodes are made when asked
// from at most 8 stored ones, leaves from the events themselves, so a root, an inclusion proof
// or a consistency proof is a few hundred lookups. The proofs are those of RFC 9162 sections
// 2.1.3 and 2.1.4, so any verifier of that RFC checks them.

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "events/record.h"

namespace mandate::events {

Hash merkle_leaf_hash(std::string_view entry);
Hash merkle_node_hash(const Hash& left, const Hash& right);

// Levels whose nodes are stored: every kMerkleStride-th, from kMerkleStride.
inline constexpr uint8_t kMerkleStride = 4;
constexpr bool merkle_node_stored(uint8_t level) { return level > 0 && level % kMerkleStride == 0; }

// Reads a node (an error when it cannot: kCorrupt for one missing).
using NodeReader = std::function<core::Result<Hash>(uint8_t level, uint64_t index)>;

// A stored node: level 0 is a leaf.
struct MerkleNode {
  uint8_t level = 0;
  uint64_t index = 0;
  Hash hash{};
};

// The right edge of a tree: for each level, the last complete subtree still waiting for its
// right sibling. Enough to append and to give the root of the whole tree.
class MerkleEdge {
 public:
  uint64_t size() const { return size_; }
  // Adds a leaf; returns the nodes it completes, the leaf first (each to store when
  // merkle_node_stored(level)).
  std::vector<MerkleNode> append(const Hash& leaf);
  // The root of the tree of size() leaves (SHA-256 of nothing for an empty tree).
  Hash root() const;
  // The edge of a stored tree of `size` leaves, from its nodes.
  static core::Result<MerkleEdge> load(uint64_t size, const NodeReader& node);

 private:
  uint64_t size_ = 0;
  std::vector<Hash> waiting_;  // By level; meaningful where bit `level` of size_ is set.
};

// The root of the first `size` leaves.
core::Result<Hash> merkle_root(uint64_t size, const NodeReader& node);
// The audit path of leaf `index` in the tree of `size` leaves (RFC 9162 2.1.3.1), leaf side
// first.
core::Result<std::vector<Hash>> merkle_inclusion_proof(uint64_t index, uint64_t size,
                                                       const NodeReader& node);
// The proof that the tree of `to` leaves extends the tree of `from` (RFC 9162 2.1.4.1);
// 0 < from <= to.
core::Result<std::vector<Hash>> merkle_consistency_proof(uint64_t from, uint64_t to,
                                                         const NodeReader& node);

// RFC 9162 2.1.4.2: whether `proof` shows that the tree of `to` leaves with root `to_root`
// extends the tree of `from` leaves with root `from_root` (equal sizes: equal roots and an
// empty proof).
bool merkle_consistency_holds(uint64_t from, uint64_t to, const Hash& from_root,
                              const Hash& to_root, const std::vector<Hash>& proof);

}  // namespace mandate::events
