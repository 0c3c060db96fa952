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

// A task's id: a slug, or for a yearly task's occurrence "<slug>/<year>" with a four-digit year
// (core/occurrences.h).
constexpr bool is_task_id(std::string_view s) {
  const size_t slash = s.find('/');
  if (slash == std::string_view::npos) return is_slug(s);
  const std::string_view year = s.substr(slash + 1);
  if (!is_slug(s.substr(0, slash)) || year.size() != 4) return false;
  for (char c : year) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A stream's name as core/event.h makes them: "<kind>:<id>", the kind in lowercase letters and
// the id a task id (which every other kind's slug also is). Such a name never holds a zero byte.
constexpr bool is_stream_name(std::string_view s) {
  const size_t colon = s.find(':');
  if (colon == 0 || colon == std::string_view::npos) return false;
  for (char c : s.substr(0, colon)) {
    if (c < 'a' || c > 'z') return false;
  }
  return is_task_id(s.substr(colon + 1));
}

}  // namespace mandate::core
