#pragma once

// The bytes of one event in the `events` column family:
//
//   [0..8)   header: "MDE" magic, format version (1), 4 reserved zero bytes
//   [8..40)  chain hash: SHA-256(previous record's hash ‖ envelope bytes)
//   [40..)   the envelope, as Cap'n Proto canonical words (one segment, no segment table)
//
// The hash sits beside the bytes it covers rather than inside them: a hash cannot be part of
// its own input, and keeping the envelope canonical means verification hashes the stored bytes
// as they are, with no re-encoding. Everything is word-aligned (40 = 5 words) so a copy of the
// value into aligned memory can be read in place.

#include <array>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

#include "core/result.h"

namespace mandate::events {

inline constexpr size_t kRecordHeaderSize = 8;
inline constexpr size_t kHashSize = 32;
inline constexpr size_t kRecordPrefixSize = kRecordHeaderSize + kHashSize;
inline constexpr uint8_t kRecordFormat = 1;

using Hash = std::array<uint8_t, kHashSize>;

// SHA-256(previous ‖ bytes).
Hash chain_hash(const Hash& previous, std::string_view bytes);
// SHA-256 of the parts, one after the other.
Hash sha256_of(std::initializer_list<std::string_view> parts);

std::string to_hex(std::string_view bytes);
inline std::string to_hex(const Hash& h) {
  return to_hex(std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

// The record bytes for an envelope and its hash.
std::string make_record(const Hash& hash, std::string_view envelope_words);

// Splits a stored value. kCorrupt when the header is not a record of a known format or the
// envelope is not a whole number of words.
struct RecordParts {
  Hash hash;
  std::string_view envelope;  // Points into the value passed in.
};
core::Result<RecordParts> split_record(std::string_view value);

}  // namespace mandate::events
