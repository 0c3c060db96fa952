#pragma once

// How the API spells values that may be absent: null, never an empty string or a zero date.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace mandate::http {

inline nlohmann::json date_or_null(const std::optional<core::Date>& d) {
  return d ? nlohmann::json(core::format_date(*d)) : nlohmann::json(nullptr);
}

inline nlohmann::json instant_or_null(const std::optional<core::Instant>& i) {
  return i ? nlohmann::json(core::format_instant(*i)) : nlohmann::json(nullptr);
}

inline nlohmann::json text_or_null(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

// For fields whose "none" is the empty string in the state (an inspection without a plan).
inline nlohmann::json empty_as_null(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace mandate::http
