#include "core/time.h"

#include <catch2/catch.hpp>

namespace mandate::core {
namespace {

TEST_CASE("dates round-trip through their text", "[core][time]") {
  for (const char* text : {"1970-01-01", "2024-02-29", "2027-12-31", "2000-03-01", "1969-12-31"}) {
    auto d = parse_date(text);
    REQUIRE(d.has_value());
    CHECK(format_date(*d) == text);
  }
  CHECK(parse_date("1970-01-01")->days == 0);
  CHECK(parse_date("2024-01-01")->days == 19723);
}

TEST_CASE("impossible dates are refused", "[core][time]") {
  for (const char* text : {"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-01-01",
                           "2024-1-01", "2024/01/01", "", "2024-01-01x"}) {
    CHECK_FALSE(parse_date(text).has_value());
  }
}

TEST_CASE("instants parse RFC 3339 and format as UTC", "[core][time]") {
  auto a = parse_instant("2026-03-21T08:00:00Z");
  REQUIRE(a.has_value());
  CHECK(format_instant(*a) == "2026-03-21T08:00:00Z");
  auto b = parse_instant("2026-03-21T15:00:00+07:00");
  REQUIRE(b.has_value());
  CHECK(*a == *b);
  auto c = parse_instant("2026-03-21T08:00:00.25Z");
  REQUIRE(c.has_value());
  CHECK(c->micros - a->micros == 250000);
  CHECK(format_instant(*c) == "2026-03-21T08:00:00.250000Z");
  CHECK(format_instant(Instant{-1}) == "1969-12-31T23:59:59.999999Z");
  CHECK(date_of(*a) == *parse_date("2026-03-21"));
  CHECK(date_of(Instant{-1}) == *parse_date("1969-12-31"));
  for (const char* bad : {"2026-03-21 08:00:00Z", "2026-03-21T08:00:00", "2026-03-21T24:00:00Z",
                          "2026-03-21T08:00:00+0700", "2026-03-21T08:00:00.Z"}) {
    CHECK_FALSE(parse_instant(bad).has_value());
  }
}

}  // namespace
}  // namespace mandate::core
