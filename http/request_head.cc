#include "http/request_head.h"

#include <string_view>

namespace mandate::http {
namespace {

namespace bhttp = boost::beast::http;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const char c = (a[i] >= 'A' && a[i] <= 'Z') ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    if (c != b[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<std::string> request_head_problem(const Request& request) {
  const size_t codings = request.count(bhttp::field::transfer_encoding);
  if (codings > 0) {
    const std::string_view value = request[bhttp::field::transfer_encoding];
    if (codings > 1 || !equals_ignoring_case(trimmed(value), "chunked")) {
      return "Transfer-Encoding must be chunked alone; no other coding is accepted";
    }
    if (request.count(bhttp::field::content_length) > 0) {
      return "a request may not send both Content-Length and Transfer-Encoding";
    }
  }
  const size_t hosts = request.count(bhttp::field::host);
  if (hosts > 1 || (hosts == 0 && request.version() >= 11)) {
    return "a request must send exactly one Host header";
  }
  const std::string_view target = request.target();
  const bool asterisk = target == "*" && request.method() == bhttp::verb::options;
  if (!asterisk && (target.empty() || target.front() != '/')) {
    return "the request target must start with /";
  }
  return std::nullopt;
}

}  // namespace mandate::http
