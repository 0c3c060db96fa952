// The API's JSON of every event type (event_data_json) is the committed
// tests/http/golden/<type>.json: two lines, the JSON of the full sample and of the sparse one
// (tests/support/event_samples.h). The fixtures were recorded from the mapping the API served
// before the JSON was generated from the schema, so they hold the API to what it always said.
// MANDATE_WRITE_GOLDEN=1 writes the files (a new event type's only; the others must not change).

#include "http/event_json.h"

#include <string>

#include <catch2/catch.hpp>

#include "tests/support/event_samples.h"
#include "tests/support/golden_file.h"

namespace mandate::http {
namespace {

TEST_CASE("every event type's JSON is its golden fixture", "[http][json]") {
  const auto full = testing::full_event_samples();
  const auto sparse = testing::sparse_event_samples();
  REQUIRE(full.size() == sparse.size());
  for (size_t i = 0; i < full.size(); ++i) {
    const std::string path = std::string(MANDATE_SOURCE_DIR) + "/tests/http/golden/" +
                             core::event_type_name(full[i]) + ".json";
    INFO(path);
    const std::string text =
        event_data_json(full[i]).dump() + "\n" + event_data_json(sparse[i]).dump() + "\n";
    if (testing::writing_golden_files()) {
      REQUIRE(testing::write_golden_file(path, text));
      continue;
    }
    const auto golden = testing::read_golden_file(path);
    REQUIRE(golden.has_value());
    CHECK(text == *golden);
  }
}

}  // namespace
}  // namespace mandate::http
