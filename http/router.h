#pragma once

// Routes: a method and a path pattern to a handler. Patterns are literal segments and
// parameters: `{id}` takes one segment, `{id+}` one or more (a yearly task's id is
// "<task>/<year>", so `/v1/tasks/{id+}/acknowledge` matches
// `/v1/tasks/la-report/2026/acknowledge`). Segments are percent-decoded one by one, so an
// encoded slash (%2F) stays inside its segment.
//
// Thread-safety: add() before serving; match() from any thread after.

#include <map>
#include <optional>
#include <ostream>  // Boost 1.81 string_view needs it before verb.hpp
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/http/verb.hpp>

#include "core/result.h"

namespace mandate::http {

using Params = std::map<std::string, std::string, std::less<>>;

// Percent-decodes `text`; `plus_is_space` for query strings. nullopt for a bad escape.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// Splits "a=1&b=x%20y" into decoded pairs (the last of a repeated name wins). nullopt when an
// escape is malformed.
std::optional<Params> parse_query(std::string_view query);

// A whole-number query parameter, or `fallback` when absent; kValidationFailed naming it.
// Only plain decimal digits, at most 19 of them (so any value fits, and +1 cannot wrap).
core::Result<uint64_t> query_uint(const Params& query, const std::string& name, uint64_t fallback);

// The years a query may name.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 9999;

// A year query parameter: four decimal digits from kMinYear to kMaxYear, or `fallback` when
// absent or empty; kValidationFailed naming it otherwise.
core::Result<int> query_year(const Params& query, const std::string& name, int fallback);

// Whether every parameter of the path can name something: a stream name, a task id where the
// pattern lets the id span segments ({id+}), a slug otherwise (core/id.h). One that cannot is
// answered as a missing resource before any route reads the store with it.
bool path_params_are_ids(const std::string& pattern, const Params& params);

template <typename Fn>
class Router {
 public:
  struct Route {
    boost::beast::http::verb method;
    std::string pattern;
    std::vector<std::string> segments;
    Fn fn;
  };

  enum class Outcome { kFound, kNoPath, kNoMethod, kBadPath };

  void add(boost::beast::http::verb method, std::string pattern, Fn fn) {
    Route route{method, pattern, split(pattern), std::move(fn)};
    routes_.push_back(std::move(route));
  }

  // The route for `method` and `path` (without the query), with its parameters. On kNoMethod,
  // `allowed` (when given) receives the methods the path has.
  Outcome match(boost::beast::http::verb method, std::string_view path, const Route** found,
                Params& params, std::vector<boost::beast::http::verb>* allowed = nullptr) const {
    std::vector<std::string> segments;
    for (const auto& raw : split(path)) {
      auto decoded = percent_decode(raw, false);
      if (!decoded) return Outcome::kBadPath;
      segments.push_back(std::move(*decoded));
    }
    bool path_known = false;
    for (const auto& route : routes_) {
      Params candidate;
      if (!matches(route.segments, 0, segments, 0, candidate)) continue;
      path_known = true;
      if (allowed != nullptr) allowed->push_back(route.method);
      if (route.method == method) {
        *found = &route;
        params = std::move(candidate);
        return Outcome::kFound;
      }
    }
    return path_known ? Outcome::kNoMethod : Outcome::kNoPath;
  }

  const std::vector<Route>& routes() const { return routes_; }

 private:
  static std::vector<std::string> split(std::string_view path) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      if (end > start) out.emplace_back(path.substr(start, end - start));
      start = end + 1;
    }
    return out;
  }

  static bool matches(const std::vector<std::string>& pattern, size_t pi,
                      const std::vector<std::string>& path, size_t si, Params& params) {
    if (pi == pattern.size()) return si == path.size();
    const std::string& p = pattern[pi];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      const bool many = p[p.size() - 2] == '+';
      const std::string name = p.substr(1, p.size() - (many ? 3 : 2));
      const size_t max_take = many ? path.size() - si : std::min<size_t>(1, path.size() - si);
      for (size_t take = max_take; take >= 1; --take) {
        std::string value;
        for (size_t i = si; i < si + take; ++i) {
          if (i > si) value += '/';
          value += path[i];
        }
        if (value.empty()) continue;
        params[name] = value;
        if (matches(pattern, pi + 1, path, si + take, params)) return true;
        params.erase(name);
      }
      return false;
    }
    return si < path.size() && path[si] == p && matches(pattern, pi + 1, path, si + 1, params);
  }

  std::vector<Route> routes_;
};

}  // namespace mandate::http
