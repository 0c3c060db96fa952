#include "events/merkle.h"

#include <bit>
#include <optional>

namespace mandate::events {
namespace {

constexpr char kLeafPrefix = 0x00;
constexpr char kNodePrefix = 0x01;

std::string_view bytes_of(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

// The largest power of two below n (n >= 2): where RFC 9162 splits a tree of n leaves.
uint64_t split_of(uint64_t n) { return std::bit_floor(n - 1); }

// MTH(D[begin:end]): a stored node when the range is one complete subtree, else its split.
// Every range the proofs ask for starts at a multiple of its left part's size, as RFC 9162's
// recursion makes them, so the left part is always a stored node.
core::Result<Hash> subtree(uint64_t begin, uint64_t end, const NodeReader& node) {
  const uint64_t n = end - begin;
  if (std::has_single_bit(n) && begin % n == 0) {
    return node(static_cast<uint8_t>(std::countr_zero(n)), begin / n);
  }
  const uint64_t k = split_of(n);
  ASSIGN_OR_RETURN(auto left, subtree(begin, begin + k, node));
  ASSIGN_OR_RETURN(auto right, subtree(begin + k, end, node));
  return merkle_node_hash(left, right);
}

core::Status path(uint64_t leaf, uint64_t begin, uint64_t end, const NodeReader& node,
                  std::vector<Hash>& out) {
  const uint64_t n = end - begin;
  if (n <= 1) return core::ok_status();
  const uint64_t k = split_of(n);
  if (leaf - begin < k) {
    RETURN_IF_ERROR(path(leaf, begin, begin + k, node, out));
    ASSIGN_OR_RETURN(auto sibling, subtree(begin + k, end, node));
    out.push_back(sibling);
  } else {
    RETURN_IF_ERROR(path(leaf, begin + k, end, node, out));
    ASSIGN_OR_RETURN(auto sibling, subtree(begin, begin + k, node));
    out.push_back(sibling);
  }
  return core::ok_status();
}

// SUBPROOF(m, D[begin:end], whole) of RFC 9162 2.1.4.1.
core::Status subproof(uint64_t m, uint64_t begin, uint64_t end, bool whole, const NodeReader& node,
                      std::vector<Hash>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!whole) {
      ASSIGN_OR_RETURN(auto h, subtree(begin, end, node));
      out.push_back(h);
    }
    return core::ok_status();
  }
  const uint64_t k = split_of(n);
  if (m <= k) {
    RETURN_IF_ERROR(subproof(m, begin, begin + k, whole, node, out));
    ASSIGN_OR_RETURN(auto right, subtree(begin + k, end, node));
    out.push_back(right);
  } else {
    RETURN_IF_ERROR(subproof(m - k, begin + k, end, false, node, out));
    ASSIGN_OR_RETURN(auto left, subtree(begin, begin + k, node));
    out.push_back(left);
  }
  return core::ok_status();
}

core::Error out_of_range(const std::string& what) {
  return core::make_error(core::ErrorCode::kValidationFailed, what);
}

}  // namespace

Hash merkle_leaf_hash(std::string_view entry) {
  const char prefix = kLeafPrefix;
  return sha256_of({std::string_view(&prefix, 1), entry});
}

Hash merkle_node_hash(const Hash& left, const Hash& right) {
  const char prefix = kNodePrefix;
  return sha256_of({std::string_view(&prefix, 1), bytes_of(left), bytes_of(right)});
}

std::vector<MerkleNode> MerkleEdge::append(const Hash& leaf) {
  std::vector<MerkleNode> stored{{0, size_, leaf}};
  Hash h = leaf;
  uint8_t level = 0;
  // Each odd index closes a pair: the waiting left sibling and this one make their parent.
  for (uint64_t index = size_; index & 1; index >>= 1) {
    h = merkle_node_hash(waiting_[level], h);
    ++level;
    stored.push_back({level, index >> 1, h});
  }
  if (waiting_.size() <= level) waiting_.resize(level + 1);
  waiting_[level] = h;
  ++size_;
  return stored;
}

Hash MerkleEdge::root() const {
  if (size_ == 0) return sha256_of({});
  // The complete subtrees of the edge, right (low levels) to left.
  std::optional<Hash> acc;
  for (uint8_t level = 0; level < 64; ++level) {
    if ((size_ >> level & 1) == 0) continue;
    acc = acc ? merkle_node_hash(waiting_[level], *acc) : waiting_[level];
  }
  return *acc;
}

core::Result<MerkleEdge> MerkleEdge::load(uint64_t size, const NodeReader& node) {
  MerkleEdge edge;
  edge.size_ = size;
  edge.waiting_.resize(64);
  for (uint8_t level = 0; level < 64; ++level) {
    if ((size >> level & 1) == 0) continue;
    ASSIGN_OR_RETURN(edge.waiting_[level], node(level, (size >> level) - 1));
  }
  return edge;
}

core::Result<Hash> merkle_root(uint64_t size, const NodeReader& node) {
  if (size == 0) return sha256_of({});
  return subtree(0, size, node);
}

core::Result<std::vector<Hash>> merkle_inclusion_proof(uint64_t index, uint64_t size,
                                                       const NodeReader& node) {
  if (index >= size) return out_of_range("the leaf is not in a tree of that size");
  std::vector<Hash> proof;
  RETURN_IF_ERROR(path(index, 0, size, node, proof));
  return proof;
}

core::Result<std::vector<Hash>> merkle_consistency_proof(uint64_t from, uint64_t to,
                                                         const NodeReader& node) {
  if (from == 0 || from > to) return out_of_range("a consistency proof needs 0 < from <= to");
  std::vector<Hash> proof;
  RETURN_IF_ERROR(subproof(from, 0, to, true, node, proof));
  return proof;
}

bool merkle_consistency_holds(uint64_t from, uint64_t to, const Hash& from_root,
                              const Hash& to_root, const std::vector<Hash>& proof) {
  if (from == to) return proof.empty() && from_root == to_root;
  if (from == 0 || from > to || proof.empty()) return false;
  // The old tree's root is the proof's first node when the old tree is one complete subtree.
  std::vector<Hash> path;
  if (std::has_single_bit(from)) path.push_back(from_root);
  path.insert(path.end(), proof.begin(), proof.end());
  uint64_t fn = from - 1, sn = to - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  Hash fr = path[0], sr = path[0];
  for (size_t i = 1; i < path.size(); ++i) {
    if (sn == 0) return false;
    if ((fn & 1) || fn == sn) {
      fr = merkle_node_hash(path[i], fr);
      sr = merkle_node_hash(path[i], sr);
      while (!(fn & 1) && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = merkle_node_hash(sr, path[i]);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return fr == from_root && sr == to_root && sn == 0;
}

}  // namespace mandate::events
