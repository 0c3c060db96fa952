// docs/openapi.yaml describes exactly the routes the App registers: the same (method, path)
// pairs, no more and no fewer. The router's `{id+}` (a parameter that may span segments, for
// yearly task ids "<task>/<year>") is written `{id}` in the document.
//
// No YAML library is available, and none is needed: the document is read line by line. Paths
// are the keys indented by two spaces under the top-level `paths:` that start with "/"; methods
// are the keys indented by four spaces under a path that name an HTTP method.

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "http/app.h"
#include "projections/runner.h"
#include "projections/views.h"
#include "tests/events/store_fixture.h"

namespace mandate::http {
namespace {

using Route = std::pair<std::string, std::string>;  // (lowercase method, path template)

const std::set<std::string> kMethods = {"get", "post", "patch", "put", "delete"};

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// "/v1/tasks/{id+}/acknowledge" -> "/v1/tasks/{id}/acknowledge".
std::string without_plus(std::string pattern) {
  for (size_t at = pattern.find("+}"); at != std::string::npos; at = pattern.find("+}", at)) {
    pattern.erase(at, 1);
  }
  return pattern;
}

// Every route of the real App, as registered: (method, pattern). The App is built on a store
// in a temporary directory; no socket is opened and the projections are not started.
std::vector<std::pair<std::string, std::string>> registered_routes() {
  testing::StoreFixture fixture;
  projections::Views views;
  projections::ProjectionRunner runner(fixture.store(), views.all());
  const App app(AppDeps{fixture.commands(), runner, views,
                        [&fixture] { return core::Instant{fixture.now()}; }});
  return app.routes();
}

std::set<Route> router_routes() {
  std::set<Route> out;
  for (const auto& [method, pattern] : registered_routes()) {
    out.emplace(lowercase(method), without_plus(pattern));
  }
  return out;
}

size_t indent_of(const std::string& line) {
  const size_t first = line.find_first_not_of(' ');
  return first == std::string::npos ? line.size() : first;
}

// The key of a "key:" or "key: value" line without its indentation and quotes; "" for a line
// that is not a mapping key (a comment, a list item, a blank line).
std::string key_of(const std::string& line) {
  std::string text = line.substr(indent_of(line));
  if (text.empty() || text[0] == '#' || text[0] == '-') return "";
  const size_t colon = text.rfind(':') == text.size() - 1 ? text.size() - 1 : text.find(": ");
  if (colon == std::string::npos) return "";
  std::string key = text.substr(0, colon);
  if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front()) {
    key = key.substr(1, key.size() - 2);
  }
  return key;
}

std::set<Route> document_routes(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::set<Route> out;
  bool in_paths = false;
  std::string current;  // The path whose methods are being read; "" outside one.
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string key = key_of(line);
    if (key.empty()) continue;
    const size_t indent = indent_of(line);
    if (indent == 0) {
      in_paths = key == "paths";
      current.clear();
      continue;
    }
    if (!in_paths) continue;
    if (indent == 2) {
      current = key.front() == '/' ? key : "";
    } else if (indent == 4 && !current.empty() && kMethods.count(key) != 0) {
      out.emplace(key, current);
    }
  }
  return out;
}

std::string listed(const std::set<Route>& routes) {
  std::ostringstream out;
  for (const auto& [method, path] : routes) out << "\n  " << method << " " << path;
  return out.str();
}

TEST_CASE("docs/openapi.yaml describes exactly the routes the router registers",
          "[http][openapi]") {
  const std::set<Route> code = router_routes();
  const std::set<Route> document =
      document_routes(std::string(MANDATE_SOURCE_DIR) + "/docs/openapi.yaml");
  REQUIRE(!code.empty());
  REQUIRE(!document.empty());

  std::set<Route> undocumented, unregistered;
  std::set_difference(code.begin(), code.end(), document.begin(), document.end(),
                      std::inserter(undocumented, undocumented.end()));
  std::set_difference(document.begin(), document.end(), code.begin(), code.end(),
                      std::inserter(unregistered, unregistered.end()));
  INFO("registered by the router but missing from docs/openapi.yaml:" << listed(undocumented));
  INFO("in docs/openapi.yaml but not registered by the router:" << listed(unregistered));
  CHECK(undocumented.empty());
  CHECK(unregistered.empty());
}

TEST_CASE("the router registers each (method, path) once", "[http][openapi]") {
  std::set<Route> unique;
  for (const auto& [method, pattern] : registered_routes()) {
    INFO(method << " " << pattern);
    CHECK(unique.emplace(lowercase(method), without_plus(pattern)).second);
  }
}

}  // namespace
}  // namespace mandate::http
