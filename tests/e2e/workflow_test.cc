// The main paths through the API, end to end, as the contract describes them.

#include <algorithm>

#include <catch2/catch.hpp>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

TEST_CASE("a plan goes from draft to an approved task", "[e2e][workflow]") {
  ApiFixture api;
  auto created = api.post("coord", "/v1/plans", small_plan());
  INFO(created.body);
  REQUIRE(created.status == 201);
  CHECK(created.json()["status"] == "draft");
  CHECK(created.json()["version"] == 1);
  CHECK(created.header("etag") == "\"1\"");

  auto issued = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object());
  INFO(issued.body);
  REQUIRE(issued.status == 200);
  CHECK(issued.json()["status"] == "active");
  REQUIRE(issued.json()["tasks"].size() == 1);

  auto task = api.get("officer-tp", "/v1/tasks/la-training");
  REQUIRE(task.status == 200);
  CHECK(task.json()["status"] == "assigned");
  CHECK(task.json()["assignments"].size() == 2);

  // A coordinating agency sees the task it is assigned to.
  CHECK(api.get("officer-nv", "/v1/tasks/la-training").status == 200);

  auto ack = api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object());
  INFO(ack.body);
  REQUIRE(ack.status == 200);
  CHECK(ack.json()["assignments"][0]["status"] == "acknowledged");
  CHECK(ack.json()["position"].get<uint64_t>() > 0);
  CHECK(api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object()).status == 409);

  auto progress = api.post("officer-tp", "/v1/tasks/la-training/progress",
                           {{"note", "Đã tổ chức 2 lớp"}, {"percent", 50}});
  REQUIRE(progress.status == 200);
  CHECK(progress.json()["status"] == "in_progress");

  // Only the lead submits.
  CHECK(api.post("officer-nv", "/v1/tasks/la-training/submit",
                 {{"note", "x"}, {"evidence", {{{"ref", "1/BC"}, {"title", "Báo cáo"}}}}})
            .status == 403);
  auto submitted = api.post("officer-tp", "/v1/tasks/la-training/submit",
                            {{"note", "Hoàn thành"},
                             {"evidence", {{{"ref", "12/BC-STP"}, {"title", "Báo cáo"}}}}});
  REQUIRE(submitted.status == 200);
  CHECK(submitted.json()["status"] == "submitted");

  CHECK(api.post("officer-tp", "/v1/tasks/la-training/approve", json::object()).status == 403);
  auto approved = api.post("coord", "/v1/tasks/la-training/approve", json::object());
  REQUIRE(approved.status == 200);
  CHECK(approved.json()["status"] == "approved");

  auto listed = api.get("coord", "/v1/tasks?plan=vn-la-2024&status=approved");
  REQUIRE(listed.status == 200);
  CHECK(listed.json()["tasks"].size() == 1);

  // The task's answer carries its history: one entry per event, old -> new, and the time
  // each agency spent in each status.
  auto done = api.get("coord", "/v1/tasks/la-training");
  REQUIRE(done.status == 200);
  const json history = done.json()["history"];
  REQUIRE(history.size() == 5);
  CHECK(history[0]["type"] == "task.assigned");
  CHECK(history[1]["type"] == "task.acknowledged");
  CHECK(history[1]["actor"]["user"] == "officer-tp");
  const json submit_changes = history[3]["changes"];
  CHECK(std::any_of(submit_changes.begin(), submit_changes.end(), [](const json& c) {
    return c["field"] == "status" && c["from"] == "in_progress" && c["to"] == "submitted";
  }));
  const json times = done.json()["time_in_state"];
  REQUIRE(times.size() == 2);
  CHECK(times[0]["agency"] == "so-tu-phap");
  CHECK(times[0]["status"] == "approved");
  for (const char* status : {"assigned", "acknowledged", "in_progress", "submitted"}) {
    CHECK(times[0]["seconds"].contains(status));
  }
  // The spell it is in now is given by status and since, so the answer stays the same.
  CHECK_FALSE(times[0]["seconds"].contains("approved"));
  CHECK(times[0]["since"] == history[4]["recorded_at"]);
}

TEST_CASE("bad commands are refused with stable codes and change nothing", "[e2e][workflow]") {
  ApiFixture api;
  const uint64_t before = api.get("auditor", "/v1/chain").json()["head_position"];
  auto unknown_field = api.post("coord", "/v1/plans", [] {
    auto p = small_plan();
    p["colour"] = "red";
    return p;
  }());
  CHECK(unknown_field.status == 422);
  CHECK(unknown_field.json()["code"] == "unknown_field");
  CHECK(unknown_field.json()["field"] == "colour");

  auto unknown_agency = api.post("coord", "/v1/plans", [] {
    auto p = small_plan();
    p["tasks"][0]["lead"] = "so-khong-co";
    return p;
  }());
  CHECK(unknown_agency.status == 422);
  CHECK(unknown_agency.json()["code"] == "unknown_agency");
  CHECK(unknown_agency.json()["field"] == "tasks[0].lead");

  auto bad_json = api.server().request("POST", "/v1/plans", api.token("coord"), "{\"id\":");
  CHECK(bad_json.status == 400);
  CHECK(bad_json.json()["code"] == "bad_json");

  auto deep = api.server().request("POST", "/v1/plans", api.token("coord"),
                                   std::string(100000, '[') + std::string(100000, ']'));
  CHECK(deep.status == 400);

  auto wrong_media = api.server().request("POST", "/v1/plans", api.token("coord"), "{}",
                                          {{"Content-Type", "text/plain"}});
  CHECK(wrong_media.status == 415);

  CHECK(api.post("officer-tp", "/v1/plans", small_plan()).status == 403);
  CHECK(api.server().post("/v1/plans", "", small_plan()).status == 401);

  CHECK(api.get("auditor", "/v1/chain").json()["head_position"] == before);
}

TEST_CASE("If-Match and Idempotency-Key guard commands", "[e2e][workflow]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  auto stale = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object(), {{"If-Match", "\"7\""}});
  CHECK(stale.status == 412);
  CHECK(stale.json()["code"] == "version_conflict");
  auto first = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object(),
                        {{"If-Match", "\"1\""}, {"Idempotency-Key", "issue-1"}});
  REQUIRE(first.status == 200);
  auto again = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object(),
                        {{"Idempotency-Key", "issue-1"}});
  CHECK(again.status == 200);
  CHECK(again.json()["position"] == first.json()["position"]);
  auto reused = api.post("coord", "/v1/plans/vn-la-2024/tasks",
                         {{"id", "la-extra"}, {"title", "Thêm"}, {"lead", "so-tu-phap"},
                          {"due_on", "2024-12-01"}},
                         {{"Idempotency-Key", "issue-1"}});
  CHECK(reused.status == 422);
  CHECK(reused.json()["code"] == "idempotency_key_reused");
}

TEST_CASE("Top Secret never leaves, Secret needs an approval first", "[e2e][workflow]") {
  ApiFixture api;
  json request = {{"agency", "so-tu-phap"}, {"direction", "outbound"}, {"partner", "LA"},
                  {"document", {{"ref", "01/TM"}, {"title", "Tài liệu"}, {"classification", "top_secret"}}},
                  {"channel", "diplomatic"}, {"purpose", "Trao đổi"}};
  auto refused = api.post("officer-tp", "/v1/transfers", request);
  CHECK(refused.status == 422);
  CHECK(refused.json()["code"] == "top_secret_transfer_forbidden");

  request["document"]["classification"] = "secret";
  request["id"] = "tr-1";
  auto requested = api.post("officer-tp", "/v1/transfers", request);
  INFO(requested.body);
  REQUIRE(requested.status == 201);
  CHECK(requested.json()["status"] == "requested");
  auto early = api.post("officer-tp", "/v1/transfers/tr-1/complete", {{"completed_on", "2026-01-10"}});
  CHECK(early.status == 422);
  CHECK(early.json()["code"] == "approval_required");
  // Confidential clearance: a secret transfer does not exist for this officer.
  CHECK(api.get("officer-nv", "/v1/transfers/tr-1").status == 404);
  auto approved = api.post("approver", "/v1/transfers/tr-1/approve", {{"approval_ref", "123/QĐ-UBND"}});
  REQUIRE(approved.status == 200);
  CHECK(approved.json()["status"] == "approved");
}

TEST_CASE("an incident's timeline is replayed as recorded", "[e2e][workflow]") {
  ApiFixture api;
  auto reported = api.post("officer-tp", "/v1/incidents",
                           {{"id", "inc-1"}, {"agency", "so-tu-phap"}, {"kind", "loss"},
                            {"classification", "secret"},
                            {"documents", {{{"ref", "05/M"}, {"title", "Công văn mật"}}}},
                            {"discovered_at", "2026-01-02T07:30:00Z"},
                            {"summary", "Mất tài liệu mật"}});
  INFO(reported.body);
  REQUIRE(reported.status == 201);
  const uint64_t first = reported.json()["position"];
  REQUIRE(api.post("coord", "/v1/incidents/inc-1/receive", json::object()).status == 200);
  REQUIRE(api.post("investigator", "/v1/incidents/inc-1/findings",
                   {{"kind", "cause"}, {"text", "Để quên trên xe"}, {"occurred_at", "2026-01-01T10:00:00Z"}})
              .status == 200);
  REQUIRE(api.post("investigator", "/v1/incidents/inc-1/close", {{"conclusion", "Đã khắc phục"}}).status == 200);
  CHECK(api.post("coord", "/v1/incidents/inc-1/receive", json::object()).status == 409);

  auto now = api.get("investigator", "/v1/incidents/inc-1/timeline");
  REQUIRE(now.status == 200);
  CHECK(now.json()["entries"].size() == 4);
  CHECK(now.json()["chain"]["verified"] == true);
  CHECK(now.json()["entries"][0]["occurred_at"] == "2026-01-02T07:30:00Z");

  auto then = api.get("investigator", "/v1/incidents/inc-1/timeline?as_of=" + std::to_string(first));
  REQUIRE(then.status == 200);
  CHECK(then.json()["entries"].size() == 1);
  CHECK(then.json()["entries"][0]["type"] == "incident.reported");
}

TEST_CASE("a revoked token stops working at once", "[e2e][workflow]") {
  ApiFixture api;
  auto issued = api.post("admin", "/v1/users/auditor/tokens", json::object());
  REQUIRE(issued.status == 201);
  const std::string token = issued.json()["token"];
  CHECK(api.server().get("/v1/chain", token).status == 200);
  auto revoked = api.server().request("DELETE", "/v1/tokens/" + issued.json()["token_id"].get<std::string>(), api.admin());
  CHECK(revoked.status == 204);
  CHECK(api.server().get("/v1/chain", token).status == 401);
}

}  // namespace
}  // namespace mandate::testing
