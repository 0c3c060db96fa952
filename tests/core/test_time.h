#pragma once

// Dates and instants from text, so that a test reads as the calendar does.

#include <string_view>

#include "core/result.h"
#include "core/time.h"

namespace mandate::core::testing {

inline Date day(std::string_view ymd) {
  auto d = parse_date(ymd);
  MANDATE_CHECK(d.has_value(), "a test date is YYYY-MM-DD");
  return *d;
}

inline Instant instant(std::string_view rfc3339) {
  auto i = parse_instant(rfc3339);
  MANDATE_CHECK(i.has_value(), "a test instant is RFC 3339");
  return *i;
}

}  // namespace mandate::core::testing
