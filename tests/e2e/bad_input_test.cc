// The bad-input corpus: malformed and hostile bodies sent to the real server. Each gets its
// documented status and stable code (and the field at fault where there is one), the log's head
// does not move, and the server goes on serving.

#include <catch2/catch.hpp>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

struct Bad {
  const char* what;
  const char* target;
  std::string body;
  unsigned status;
  const char* code;
  const char* field;  // nullptr: none expected.
  std::map<std::string, std::string> headers = {};
};

std::vector<Bad> corpus() {
  const char* progress = "/v1/tasks/la-training/progress";
  const char* transfers = "/v1/transfers";
  const std::string transfer_head =
      R"({"id":"t-1","direction":"outbound","agency":"so-tu-phap","partner":"LA",)"
      R"("channel":"diplomatic","purpose":"x",)";
  return {
      {"truncated JSON", progress, R"({"note":)", 400, "bad_json", nullptr},
      {"not JSON", progress, "hello", 400, "bad_json", nullptr},
      // No body and no Content-Type reads as {} (commands such as acknowledge take none).
      {"no body at all", progress, "", 422, "validation_failed", "note"},
      {"an empty body declared as JSON",
       progress,
       "",
       400,
       "bad_json",
       nullptr,
       {{"Content-Type", "application/json"}}},
      {"nesting 100,000 deep", progress, std::string(100000, '[') + std::string(100000, ']'), 400,
       "bad_json", nullptr},
      {"an object nested 100,000 deep", progress,
       [] {
         std::string s;
         for (int i = 0; i < 100000; ++i) s += R"({"a":)";
         return s + "1" + std::string(100000, '}');
       }(),
       400, "bad_json", nullptr},
      {"invalid UTF-8", progress, "{\"note\":\"\xff\xfe\"}", 400, "bad_json", nullptr},
      {"an overlong UTF-8 encoding", progress, "{\"note\":\"\xc0\xaf\"}", 400, "bad_json", nullptr},
      {"a lone surrogate escape", progress, R"({"note":"\ud800"})", 400, "bad_json", nullptr},
      {"a number too large for any type", progress, R"({"note":"x","percent":1e400})", 400,
       "bad_json", nullptr},
      {"a number past 64 bits", progress, R"({"note":"x","percent":18446744073709551616})", 422,
       "validation_failed", "percent"},
      {"a negative percent", progress, R"({"note":"x","percent":-1})", 422, "validation_failed",
       "percent"},
      {"a percent over 100", progress, R"({"note":"x","percent":101})", 422, "validation_failed",
       "percent"},
      {"a fractional percent", progress, R"({"note":"x","percent":50.5})", 422, "validation_failed",
       "percent"},
      {"a string for a number", progress, R"({"note":"x","percent":"50"})", 422,
       "validation_failed", "percent"},
      {"a number for a string", progress, R"({"note":5})", 422, "validation_failed", "note"},
      {"a missing field", progress, R"({"percent":5})", 422, "validation_failed", "note"},
      {"an unknown field", progress, R"({"note":"x","colour":"red"})", 422, "unknown_field",
       "colour"},
      {"an array for the body", progress, "[]", 422, "validation_failed", nullptr},
      {"null for the body", progress, "null", 422, "validation_failed", nullptr},
      {"a body that is not JSON by its type",
       progress,
       R"({"note":"x"})",
       415,
       "unsupported_media_type",
       nullptr,
       {{"Content-Type", "text/plain"}}},
      {"a body over 1 MiB", progress, R"({"note":")" + std::string(1100000, 'a') + R"("})", 413,
       "payload_too_large", nullptr},
      {"an unknown classification", transfers,
       transfer_head + R"("document":{"ref":"1/CV","title":"x","classification":"ultra"}})", 422,
       "validation_failed", "document.classification"},
      {"an unknown nested field", transfers,
       transfer_head +
           R"("document":{"ref":"1/CV","title":"x","classification":"secret","pages":3}})",
       422, "unknown_field", "document.pages"},
      {"an id that is not a slug", "/v1/agencies", R"({"id":"Công An","name":"x"})", 422,
       "validation_failed", "id"},
  };
}

TEST_CASE("every body of the bad-input corpus is refused as documented and changes nothing",
          "[e2e][bad-input]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  REQUIRE(api.post("coord", "/v1/plans/vn-la-2024/issue", json::object()).status == 200);
  REQUIRE(api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object()).status ==
          200);
  const auto head = api.get("auditor", "/v1/chain").json()["head_position"];
  const auto task_before = api.get("coord", "/v1/tasks/la-training").body;

  for (const auto& bad : corpus()) {
    // The officer of the lead agency may report progress and request transfers; the admin
    // registers agencies: refusals are about the body, not the caller.
    const std::string token =
        std::string(bad.target) == "/v1/agencies" ? api.admin() : api.token("officer-tp");
    auto answer = api.server().request("POST", bad.target, token, bad.body, bad.headers);
    INFO(bad.what << ": " << answer.status << " " << answer.body.substr(0, 300));
    CHECK(answer.status == bad.status);
    CHECK(answer.header("content-type") == "application/problem+json");
    if (answer.header("content-type") == "application/problem+json") {
      const json problem = answer.json();
      CHECK(problem["code"] == bad.code);
      if (bad.field != nullptr) CHECK(problem["field"] == bad.field);
    }
  }

  CHECK(api.get("auditor", "/v1/chain").json()["head_position"] == head);
  CHECK(api.get("coord", "/v1/tasks/la-training").body == task_before);
  // And it goes on working.
  CHECK(api.post("officer-tp", "/v1/tasks/la-training/progress", {{"note", "tiếp tục"}}).status ==
        200);
}

}  // namespace
}  // namespace mandate::testing
