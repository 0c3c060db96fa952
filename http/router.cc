#include "http/router.h"

#include "core/id.h"

namespace mandate::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<Params> parse_query(std::string_view query) {
  Params params;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    const std::string_view pair = query.substr(start, end - start);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      auto name = percent_decode(pair.substr(0, eq), true);
      auto value = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
      if (!name || !value) return std::nullopt;
      params[*name] = *value;
    }
    start = end + 1;
  }
  return params;
}

core::Result<uint64_t> query_uint(const Params& query, const std::string& name, uint64_t fallback) {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return fallback;
  uint64_t value = 0;
  bool ok = it->second.size() <= 19;
  for (char c : it->second) {
    ok = ok && c >= '0' && c <= '9';
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (!ok) {
    return core::make_error(core::ErrorCode::kValidationFailed, name + " must be a whole number",
                            name);
  }
  return value;
}

core::Result<int> query_year(const Params& query, const std::string& name, int fallback) {
  auto it = query.find(name);
  if (it == query.end() || it->second.empty()) return fallback;
  const std::string& text = it->second;
  int year = 0;
  bool ok = text.size() == 4;
  // Only four digits are summed: a longer text would overflow int on the way (UB).
  for (size_t i = 0; ok && i < text.size(); ++i) {
    ok = text[i] >= '0' && text[i] <= '9';
    year = year * 10 + (text[i] - '0');
  }
  if (!ok || year < kMinYear || year > kMaxYear) {
    return core::make_error(core::ErrorCode::kValidationFailed,
                            name + " must be a year from " + std::to_string(kMinYear) + " to " +
                                std::to_string(kMaxYear),
                            name);
  }
  return year;
}

bool path_params_are_ids(const std::string& pattern, const Params& params) {
  for (const auto& [name, value] : params) {
    const bool ok = name == "stream" ? core::is_stream_name(value)
                    : pattern.find("{" + name + "+}") != std::string::npos ? core::is_task_id(value)
                                                                           : core::is_slug(value);
    if (!ok) return false;
  }
  return true;
}

}  // namespace mandate::http
