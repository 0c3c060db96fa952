// Every event type's canonical bytes for a fixed value (tests/support/event_samples.h) are the
// committed tests/events/golden/<type>.bin (and <type>.sparse.bin for the sparse value), and
// those bytes decode to that value. A field
// renumbered or retyped, or a union member moved, changes the bytes and fails here instead of
// misreading the logs already written. MANDATE_WRITE_GOLDEN=1 writes the files (a new event
// type's only; the others must not change).

#include <cstring>
#include <string>
#include <variant>
#include <vector>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <catch2/catch.hpp>

#include "events/payload_codec.h"
#include "tests/support/event_samples.h"
#include "tests/support/golden_file.h"

namespace mandate::events {
namespace {

std::string golden_path(const core::EventData& event, const char* suffix) {
  return std::string(MANDATE_SOURCE_DIR) + "/tests/events/golden/" + core::event_type_name(event) +
         suffix;
}

std::string canonical_bytes(const core::EventData& event) {
  capnp::MallocMessageBuilder builder;
  encode_payload(event, builder.initRoot<schema::Body>());
  kj::Array<capnp::word> words = capnp::canonicalize(builder.getRoot<schema::Body>().asReader());
  kj::ArrayPtr<const kj::byte> bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

core::Result<core::EventData> decode_bytes(const std::string& bytes) {
  // Copied into words: a std::string's buffer need not be aligned for Cap'n Proto.
  kj::Array<capnp::word> words = kj::heapArray<capnp::word>(bytes.size() / sizeof(capnp::word));
  std::memcpy(words.begin(), bytes.data(), words.size() * sizeof(capnp::word));
  kj::ArrayPtr<const capnp::word> segments[1] = {words.asPtr()};
  capnp::SegmentArrayMessageReader reader(kj::arrayPtr(segments, 1));
  return decode_payload(reader.getRoot<schema::Body>());
}

void check_golden(const std::vector<core::EventData>& samples, const char* suffix) {
  for (const core::EventData& event : samples) {
    const std::string path = golden_path(event, suffix);
    INFO(path);
    const std::string bytes = canonical_bytes(event);
    if (testing::writing_golden_files()) {
      REQUIRE(testing::write_golden_file(path, bytes));
      continue;
    }
    const auto golden = testing::read_golden_file(path);
    REQUIRE(golden.has_value());
    CHECK(bytes == *golden);
    auto decoded = decode_bytes(*golden);
    REQUIRE(decoded.ok());
    CHECK(decoded.value() == event);
  }
}

TEST_CASE("every event type's canonical bytes are its golden fixture", "[events][codec]") {
  SECTION("every field set") { check_golden(testing::full_event_samples(), ".bin"); }
  SECTION("every field empty") { check_golden(testing::sparse_event_samples(), ".sparse.bin"); }
}

TEST_CASE("the samples cover every event type once, in the union's order", "[events][codec]") {
  const auto samples = testing::full_event_samples();
  REQUIRE(samples.size() == std::variant_size_v<core::EventData>);
  for (size_t i = 0; i < samples.size(); ++i) CHECK(samples[i].index() == i);
}

}  // namespace
}  // namespace mandate::events
