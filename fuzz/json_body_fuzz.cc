// json_body: a command's body, read as its route reads it: parse_command_body (media type,
// nesting depth, UTF-8 JSON, an object) and then the route's body reader from
// http/body_readers.h (typed fields, limits, ids as slugs, unknown fields refused).
//
// Asserts: no crash, UB or escaped exception. A body that parses is valid JSON all through: it
// dumps without a replacement and parse_json_text reads the dump back as the same value (so an
// answer that echoes it never fails), and its reader decides the same way twice.
//
// Input: byte 0 picks the reader (modulo their number, in the order of http::body_readers()),
// the rest is the body.

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz/fuzz_check.h"
#include "http/body_readers.h"
#include "http/json_body.h"
#include "http/server.h"

namespace {

using namespace mandate;

const std::vector<http::BodyReader>& readers() {
  static const std::vector<http::BodyReader> all = http::body_readers();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const http::BodyReader& reader = readers()[data[0] % readers().size()];
  http::Request request{boost::beast::http::verb::post, "/", 11};
  request.set(boost::beast::http::field::content_type, "application/json");
  request.body().assign(reinterpret_cast<const char*>(data) + 1, size - 1);

  auto body = http::parse_command_body(request);
  if (!body.ok()) return 0;
  FUZZ_CHECK(body->is_object());
  const std::string dumped = body->dump();  // Throws on a string that is not UTF-8.
  auto again = http::parse_json_text(dumped);
  FUZZ_CHECK(again.ok() && *again == *body);

  const core::Status first = reader.read(*body);
  const core::Status second = reader.read(*again);
  FUZZ_CHECK(first.ok() == second.ok());
  if (!first.ok()) FUZZ_CHECK(!first.error().message.empty() && first.error() == second.error());
  return 0;
}
