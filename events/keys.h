#pragma once

// Key encodings of the column families (docs/storage.md). Integers are big-endian so that
// RocksDB's bytewise order is numeric order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mandate::events {

inline void put_u64_be(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}

inline uint64_t get_u64_be(std::string_view in) {
  uint64_t v = 0;
  for (size_t i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  return v;
}

// `events`: position.
inline std::string position_key(uint64_t position) {
  std::string k;
  k.reserve(8);
  put_u64_be(k, position);
  return k;
}

// `streams`: stream ‖ 0x00 ‖ version. Stream names never contain NUL (the store refuses such a
// name, is_stream_name_storable), so a stream's keys are contiguous and ordered by version: were
// "a\0" allowed, its prefix "a\0\0" would match the keys of stream "a".
// False for a name that would share its keys with another stream: an empty one, or one
// holding a zero byte.
inline bool is_stream_name_storable(std::string_view stream) {
  return !stream.empty() && stream.find('\0') == std::string_view::npos;
}

inline std::string stream_key(std::string_view stream, uint64_t version) {
  std::string k;
  k.reserve(stream.size() + 9);
  k.append(stream);
  k.push_back('\0');
  put_u64_be(k, version);
  return k;
}

inline std::string stream_prefix(std::string_view stream) {
  std::string k(stream);
  k.push_back('\0');
  return k;
}

// `meta` keys.
inline constexpr std::string_view kMetaSchemaVersion = "schema_version";
inline constexpr std::string_view kMetaChainHead = "chain_head";  // position(8) ‖ hash(32)
// How many events the Merkle tree holds (8): the head, once a directory older than the tree has
// been brought up to it.
inline constexpr std::string_view kMetaTreeSize = "tree_size";

// `tree`: level (1 byte) ‖ index (8): the node covering leaves [index·2^level, (index+1)·2^level).
inline std::string tree_key(uint8_t level, uint64_t index) {
  std::string k(1, static_cast<char>(level));
  put_u64_be(k, index);
  return k;
}

}  // namespace mandate::events
