#include "http/json_body.h"

#include <catch2/catch.hpp>

namespace mandate::http {
namespace {

using core::ErrorCode;

Request json_request(std::string body, std::string content_type = "application/json") {
  Request r{boost::beast::http::verb::post, "/v1/x", 11};
  if (!content_type.empty()) r.set(boost::beast::http::field::content_type, content_type);
  r.body() = std::move(body);
  return r;
}

TEST_CASE("command bodies must be JSON objects of bounded depth", "[http][json]") {
  CHECK(parse_command_body(json_request(R"({"a":1})")).ok());
  CHECK(parse_command_body(json_request(R"({"a":1})", "application/json; charset=utf-8")).ok());
  CHECK(parse_command_body(json_request("", "")).ok());
  CHECK(parse_command_body(json_request("{}", "text/plain")).error().code ==
        ErrorCode::kUnsupportedMediaType);
  CHECK(parse_command_body(json_request("{\"a\":")).error().code == ErrorCode::kBadJson);
  CHECK(parse_command_body(json_request("[1]")).error().code == ErrorCode::kValidationFailed);
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  CHECK(parse_command_body(json_request(deep)).error().code == ErrorCode::kBadJson);
  // Brackets inside strings do not count as depth.
  CHECK(parse_command_body(json_request("{\"a\":\"" + std::string(1000, '[') + "\"}")).ok());
  CHECK(parse_command_body(json_request("{\"a\":\"\xff\xfe\"}")).error().code ==
        ErrorCode::kBadJson);
}

TEST_CASE("fields are typed, named in errors, and unknown ones refused", "[http][json]") {
  auto body = parse_json_text(
                  R"({"note":"Đã triển khai","percent":40,"due_on":"2026-02-30","big":1.5,
                     "huge":18446744073709551615,"list":["a",1],"extra":true})")
                  .value();
  FieldReader r(body, "task");
  CHECK(r.required_string("note").value() == "Đã triển khai");
  CHECK(r.optional_integer("percent", 0, 100).value() == 40);
  auto due = r.optional_date("due_on");
  REQUIRE_FALSE(due.ok());
  CHECK(due.error().field == "task.due_on");
  CHECK_FALSE(r.optional_integer("huge", 0, 100).ok());
  CHECK(r.string_list("list", true).error().field == "task.list[1]");
  CHECK(r.required_string("missing").error().code == ErrorCode::kValidationFailed);
  CHECK(r.optional_integer("big", 0, 100).error().field == "task.big");
  CHECK(parse_json_text(R"({"n":1e400})").error().code == ErrorCode::kBadJson);
  auto finished = r.finish();
  REQUIRE_FALSE(finished.ok());
  CHECK(finished.error().code == ErrorCode::kUnknownField);
  CHECK(finished.error().field == "task.extra");
}

}  // namespace
}  // namespace mandate::http
