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
  auto submitted = api.post(
      "officer-tp", "/v1/tasks/la-training/submit",
      {{"note", "Hoàn thành"}, {"evidence", {{{"ref", "12/BC-STP"}, {"title", "Báo cáo"}}}}});
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
  auto stale =
      api.post("coord", "/v1/plans/vn-la-2024/issue", json::object(), {{"If-Match", "\"7\""}});
  CHECK(stale.status == 412);
  CHECK(stale.json()["code"] == "version_conflict");
  auto first = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object(),
                        {{"If-Match", "\"1\""}, {"Idempotency-Key", "issue-1"}});
  REQUIRE(first.status == 200);
  auto again = api.post("coord", "/v1/plans/vn-la-2024/issue", json::object(),
                        {{"Idempotency-Key", "issue-1"}});
  CHECK(again.status == 200);
  CHECK(again.json()["position"] == first.json()["position"]);
  auto reused = api.post(
      "coord", "/v1/plans/vn-la-2024/tasks",
      {{"id", "la-extra"}, {"title", "Thêm"}, {"lead", "so-tu-phap"}, {"due_on", "2024-12-01"}},
      {{"Idempotency-Key", "issue-1"}});
  CHECK(reused.status == 422);
  CHECK(reused.json()["code"] == "idempotency_key_reused");
}

TEST_CASE("Top Secret never leaves, Secret needs an approval first", "[e2e][workflow]") {
  ApiFixture api;
  json request = {
      {"agency", "so-tu-phap"},
      {"direction", "outbound"},
      {"partner", "LA"},
      {"document", {{"ref", "01/TM"}, {"title", "Tài liệu"}, {"classification", "top_secret"}}},
      {"channel", "diplomatic"},
      {"purpose", "Trao đổi"}};
  auto refused = api.post("officer-tp", "/v1/transfers", request);
  CHECK(refused.status == 422);
  CHECK(refused.json()["code"] == "top_secret_transfer_forbidden");

  request["document"]["classification"] = "secret";
  request["id"] = "tr-1";
  auto requested = api.post("officer-tp", "/v1/transfers", request);
  INFO(requested.body);
  REQUIRE(requested.status == 201);
  CHECK(requested.json()["status"] == "requested");
  auto early =
      api.post("officer-tp", "/v1/transfers/tr-1/complete", {{"completed_on", "2026-01-10"}});
  CHECK(early.status == 422);
  CHECK(early.json()["code"] == "approval_required");
  // Confidential clearance: a secret transfer does not exist for this officer.
  CHECK(api.get("officer-nv", "/v1/transfers/tr-1").status == 404);

  // so-tu-phap is under the People's Committee: its Office proposes with the police's opinion,
  // then the Chairman's office approves (003:65); nobody else, not even an admin.
  const std::string today = api.post("officer-tp", "/v1/transfers",
                                     json{{"id", "tr-probe"},
                                          {"agency", "so-tu-phap"},
                                          {"direction", "inbound"},
                                          {"partner", "LA"},
                                          {"document", request["document"]},
                                          {"channel", "courier"},
                                          {"purpose", "Nhận"}})
                                .json()["received_on"];
  const json approval = {
      {"approval_ref", "123/QĐ-UBND"}, {"approved_on", today}, {"signed_by", "Chủ tịch UBND tỉnh"}};
  auto unproposed = api.post("approver", "/v1/transfers/tr-1/approve", approval);
  CHECK(unproposed.status == 409);
  // Each screen lists what awaits its user: the Office's now, the approver's after it.
  auto awaiting = [&](const std::string& user) {
    std::vector<std::string> ids;
    const json list = api.get(user, "/v1/transfers?awaiting=me").json();  // Outlives the loop.
    for (const auto& t : list["transfers"]) ids.push_back(t["id"]);
    return ids;
  };
  CHECK(awaiting("office") == std::vector<std::string>{"tr-1"});
  CHECK(awaiting("approver").empty());
  CHECK(awaiting("officer-tp").empty());
  CHECK(
      api.post("officer-tp", "/v1/transfers/tr-1/propose", {{"police_opinion", "Đồng ý"}}).status ==
      403);
  auto proposed = api.post("office", "/v1/transfers/tr-1/propose",
                           {{"note", "Đề nghị"}, {"police_opinion", "Công an tỉnh thống nhất"}});
  INFO(proposed.body);
  REQUIRE(proposed.status == 200);
  CHECK(proposed.json()["status"] == "proposed");
  CHECK(proposed.json()["proposal"]["police_opinion"] == "Công an tỉnh thống nhất");
  CHECK(awaiting("office").empty());
  CHECK(awaiting("approver") == std::vector<std::string>{"tr-1"});
  CHECK(api.get("approver", "/v1/transfers?awaiting=them").status == 422);
  CHECK(api.post("admin", "/v1/transfers/tr-1/approve", approval).status == 403);
  auto undated = api.post("approver", "/v1/transfers/tr-1/approve",
                          {{"approval_ref", "123/QĐ-UBND"}, {"signed_by", "Chủ tịch"}});
  CHECK(undated.status == 422);
  CHECK(undated.json()["field"] == "approved_on");
  auto approved = api.post("approver", "/v1/transfers/tr-1/approve", approval);
  INFO(approved.body);
  REQUIRE(approved.status == 200);
  CHECK(approved.json()["status"] == "approved");
  CHECK(approved.json()["approval"]["approved_on"] == today);
  CHECK(approved.json()["approval"]["signed_by"] == "Chủ tịch UBND tỉnh");
  CHECK(approved.json()["approval"]["by"] == "approver");

  auto completed = api.post("officer-tp", "/v1/transfers/tr-1/complete",
                            {{"completed_on", today}, {"cipher_protected", true}});
  INFO(completed.body);
  REQUIRE(completed.status == 200);
  CHECK(completed.json()["cipher_protected"] == true);
  // Counted by agency too, in the year it was completed.
  auto stats = api.get(
      "auditor", "/v1/views/transfer-stats?year=" + today.substr(0, 4) + "&agency=so-tu-phap");
  REQUIRE(stats.status == 200);
  const json rows = stats.json()["rows"];
  CHECK(rows.size() == 2);  // tr-1 outbound, tr-probe inbound.
  for (const auto& row : rows) CHECK(row["agency"] == "so-tu-phap");

  // Under a plan: it must exist and be an agreement with the same partner.
  request["id"] = "tr-2";
  request["plan"] = "vn-xx";
  auto unknown_plan = api.post("officer-tp", "/v1/transfers", request);
  CHECK(unknown_plan.status == 422);
  CHECK(unknown_plan.json()["field"] == "plan");
  CHECK(api.get("auditor", "/v1/transfers/tr-2").status == 404);  // Nothing was recorded.
}

TEST_CASE("a breach travels up the chain, step by step, and closes only when explained",
          "[e2e][workflow]") {
  ApiFixture api;
  auto reported = api.post("officer-tp", "/v1/incidents",
                           {{"id", "inc-1"},
                            {"agency", "so-tu-phap"},
                            {"kind", "loss"},
                            {"classification", "secret"},
                            {"partner", "LA"},
                            {"documents", {{{"ref", "05/M"}, {"title", "Công văn mật"}}}},
                            {"discovered_at", "2026-01-02T07:30:00Z"},
                            {"summary", "Mất tài liệu mật"}});
  INFO(reported.body);
  REQUIRE(reported.status == 201);
  const uint64_t first = reported.json()["position"];
  // Discovered long before it was reported: the report step is late, and the incident is in
  // the overdue view beside the tasks.
  CHECK(reported.json()["steps"][0]["step"] == "report");
  CHECK(reported.json()["steps"][0]["late"] == true);
  auto overdue = api.get("coord", "/v1/views/overdue");
  REQUIRE(overdue.status == 200);
  REQUIRE(overdue.json()["incidents"].size() == 1);
  CHECK(overdue.json()["incidents"][0]["incident"] == "inc-1");
  CHECK(overdue.json()["incidents"][0]["kind"] == "incident");
  CHECK(overdue.json()["incidents"][0]["late_steps"] == json::array({"report"}));

  // Only the police's internal-security division receives.
  CHECK(api.post("coord", "/v1/incidents/inc-1/receive", json::object()).status == 403);
  CHECK(api.post("admin", "/v1/incidents/inc-1/receive", json::object()).status == 403);
  REQUIRE(api.post("pa03", "/v1/incidents/inc-1/receive", json::object()).status == 200);
  REQUIRE(api.post("pa03", "/v1/incidents/inc-1/findings",
                   {{"kind", "cause"},
                    {"text", "Để quên trên xe"},
                    {"occurred_at", "2026-01-01T10:00:00Z"}})
              .status == 200);
  // Each hop by the holder, to the next: the police advise the Committee, which reports to
  // the Ministry's department, which notifies the partner.
  CHECK(api.post("pa03", "/v1/incidents/inc-1/escalate", {{"to", "cuc-anctnb"}}).json()["field"] ==
        "to");
  CHECK(api.post("ubnd-coord", "/v1/incidents/inc-1/escalate", {{"to", "ubnd-tinh"}}).status ==
        403);
  REQUIRE(
      api.post("pa03", "/v1/incidents/inc-1/escalate", {{"to", "ubnd-tinh"}, {"note", "Tham mưu"}})
          .status == 200);
  // The Ministry's department notifies the partner, once the incident has reached it.
  CHECK(api.post("a03", "/v1/incidents/inc-1/findings",
                 {{"kind", "partner_notified"}, {"text", "Đã thông báo"}})
            .status == 409);
  REQUIRE(api.post("ubnd-coord", "/v1/incidents/inc-1/escalate",
                   {{"to", "cuc-anctnb"}, {"note", "Báo cáo Bộ"}})
              .status == 200);
  REQUIRE(api.post("a03", "/v1/incidents/inc-1/findings",
                   {{"kind", "partner_notified"}, {"text", "Đã thông báo phía Lào"}})
              .status == 200);
  // No close before a remediation is recorded.
  auto unexplained = api.post("pa03", "/v1/incidents/inc-1/close", {{"conclusion", "Xong"}});
  CHECK(unexplained.status == 409);
  REQUIRE(api.post("pa03", "/v1/incidents/inc-1/findings",
                   {{"kind", "remediation"}, {"text", "Thu hồi"}})
              .status == 200);
  auto closed = api.post("a03", "/v1/incidents/inc-1/close", {{"conclusion", "Đã khắc phục"}});
  INFO(closed.body);
  REQUIRE(closed.status == 200);
  CHECK(api.post("pa03", "/v1/incidents/inc-1/receive", json::object()).status == 409);
  const json steps = closed.json()["steps"];
  REQUIRE(steps.size() == 5);
  for (size_t i = 0; i < steps.size(); ++i) {
    CHECK(steps[i]["step"] ==
          std::vector<std::string>{"report", "receive", "committee", "ministry", "partner"}[i]);
    CHECK_FALSE(steps[i]["at"].is_null());
  }
  CHECK(steps[1]["by"]["user"] == "pa03");
  CHECK(steps[2]["by"]["agency"] == "phong-anctnb");
  CHECK(steps[3]["by"]["user"] == "ubnd-coord");
  CHECK(steps[4]["by"]["agency"] == "cuc-anctnb");
  CHECK(closed.json()["holder"] == "cuc-anctnb");
  CHECK(api.get("coord", "/v1/views/overdue").json()["incidents"].empty());  // Closed.

  auto now = api.get("investigator", "/v1/incidents/inc-1/timeline");
  REQUIRE(now.status == 200);
  CHECK(now.json()["entries"].size() == 8);
  CHECK(now.json()["chain"]["verified"] == true);
  CHECK(now.json()["entries"][0]["occurred_at"] == "2026-01-02T07:30:00Z");

  auto then =
      api.get("investigator", "/v1/incidents/inc-1/timeline?as_of=" + std::to_string(first));
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
  auto revoked = api.server().request(
      "DELETE", "/v1/tokens/" + issued.json()["token_id"].get<std::string>(), api.admin());
  CHECK(revoked.status == 204);
  CHECK(api.server().get("/v1/chain", token).status == 401);
}

}  // namespace
}  // namespace mandate::testing
