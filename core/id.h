#pragma once

#include <string_view>

namespace mandate::core {

// Identifiers are slugs: [a-z0-9][a-z0-9._-]{0,63}.
constexpr bool is_slug(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return false;
  }
  return true;
}

}  // namespace mandate::core
