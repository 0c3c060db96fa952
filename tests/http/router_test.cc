#include "http/router.h"

#include <catch2/catch.hpp>

namespace mandate::http {
namespace {

using boost::beast::http::verb;
using R = Router<int>;

R make_router() {
  R router;
  router.add(verb::get, "/v1/tasks", 1);
  router.add(verb::get, "/v1/tasks/{id+}", 2);
  router.add(verb::post, "/v1/tasks/{id+}/acknowledge", 3);
  router.add(verb::post, "/v1/users/{id}/tokens", 4);
  router.add(verb::get, "/healthz", 5);
  return router;
}

int route_of(const R& router, verb method, std::string_view path, Params* params = nullptr) {
  const R::Route* found = nullptr;
  Params p;
  if (router.match(method, path, &found, p) != R::Outcome::kFound) return 0;
  if (params) *params = p;
  return found->fn;
}

TEST_CASE("routes match literal segments and parameters", "[http][router]") {
  const R router = make_router();
  Params params;
  CHECK(route_of(router, verb::get, "/v1/tasks") == 1);
  CHECK(route_of(router, verb::get, "/v1/tasks/la-training", &params) == 2);
  CHECK(params.at("id") == "la-training");
  CHECK(route_of(router, verb::post, "/v1/users/u1/tokens", &params) == 4);
  CHECK(params.at("id") == "u1");
  CHECK(route_of(router, verb::get, "/healthz") == 5);
}

TEST_CASE("a yearly occurrence's id spans segments, raw or encoded", "[http][router]") {
  const R router = make_router();
  Params params;
  CHECK(route_of(router, verb::post, "/v1/tasks/la-report/2026/acknowledge", &params) == 3);
  CHECK(params.at("id") == "la-report/2026");
  CHECK(route_of(router, verb::post, "/v1/tasks/la-report%2F2026/acknowledge", &params) == 3);
  CHECK(params.at("id") == "la-report/2026");
  CHECK(route_of(router, verb::get, "/v1/tasks/la-report/2026", &params) == 2);
  CHECK(params.at("id") == "la-report/2026");
}

TEST_CASE("unknown paths and methods are told apart", "[http][router]") {
  const R router = make_router();
  const R::Route* found = nullptr;
  Params params;
  CHECK(router.match(verb::get, "/v1/nothing", &found, params) == R::Outcome::kNoPath);
  CHECK(router.match(verb::delete_, "/v1/tasks", &found, params) == R::Outcome::kNoMethod);
  CHECK(router.match(verb::get, "/v1/tasks/%zz", &found, params) == R::Outcome::kBadPath);
  CHECK(router.match(verb::post, "/v1/users/a/b/tokens", &found, params) == R::Outcome::kNoPath);
}

TEST_CASE("query strings are decoded", "[http][router]") {
  auto q = parse_query("plan=vn-la-2024&q=c%C3%B4ng+an&empty=&flag");
  REQUIRE(q.has_value());
  CHECK(q->at("plan") == "vn-la-2024");
  CHECK(q->at("q") == "công an");
  CHECK(q->at("empty").empty());
  CHECK(q->count("flag") == 1);
  CHECK_FALSE(parse_query("a=%4").has_value());
}

// Found by fuzz/http_request_fuzz.cc: a long year overflowed int while it was summed (UB that
// UBSan reports; the answer happened to be right).
TEST_CASE("a year is four digits, however long the text", "[http][router]") {
  for (const std::string text : {"4294969322", "99999999999999999999", "2026x", "-202", "+2026"}) {
    INFO(text);
    CHECK_FALSE(query_year(Params{{"year", text}}, "year", 0).ok());
  }
  CHECK(query_year(Params{{"year", "2026"}}, "year", 0).value() == 2026);
  CHECK(query_year(Params{{"year", ""}}, "year", 7).value() == 7);
  CHECK(query_year(Params{}, "year", 7).value() == 7);
}

}  // namespace
}  // namespace mandate::http
