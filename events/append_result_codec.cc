#include "events/append_result_codec.h"

#include "events/keys.h"

namespace mandate::events {
namespace {

void put_string(std::string& out, std::string_view s) {
  put_u64_be(out, s.size());
  out.append(s);
}

// Reads from the front of `in`, advancing it; false when `in` is too short.
bool get_u64(std::string_view& in, uint64_t& v) {
  if (in.size() < 8) return false;
  v = get_u64_be(in);
  in.remove_prefix(8);
  return true;
}

bool get_string(std::string_view& in, std::string_view& s) {
  uint64_t n = 0;
  if (!get_u64(in, n) || in.size() < n) return false;
  s = in.substr(0, n);
  in.remove_prefix(n);
  return true;
}

}  // namespace

std::string encode_idempotent_answer(std::string_view fingerprint, const AppendResult& result) {
  std::string out;
  put_string(out, fingerprint);
  put_u64_be(out, result.first_position);
  put_u64_be(out, result.last_position);
  put_u64_be(out, result.stream_versions.size());
  for (const auto& [stream, version] : result.stream_versions) {
    put_string(out, stream);
    put_u64_be(out, version);
  }
  return out;
}

core::Result<AppendResult> decode_idempotent_answer(std::string_view stored,
                                                    std::string_view fingerprint) {
  const auto malformed =
      core::make_error(core::ErrorCode::kCorrupt, "an idempotency record is malformed");
  std::string_view first_fingerprint;
  if (!get_string(stored, first_fingerprint)) return malformed;
  if (first_fingerprint != fingerprint) {
    return core::make_error(core::ErrorCode::kIdempotencyKeyReused,
                            "this Idempotency-Key was used for a different request");
  }
  AppendResult result;
  result.replayed = true;
  uint64_t n = 0;
  if (!get_u64(stored, result.first_position) || !get_u64(stored, result.last_position) ||
      !get_u64(stored, n)) {
    return malformed;
  }
  for (uint64_t i = 0; i < n; ++i) {
    std::string_view stream;
    uint64_t version = 0;
    if (!get_string(stored, stream) || !get_u64(stored, version)) return malformed;
    result.stream_versions.emplace_back(std::string(stream), version);
  }
  return result;
}

}  // namespace mandate::events
