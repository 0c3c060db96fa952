// Restarts: after SIGTERM the state and views are the same; after SIGKILL every acknowledged
// command is there.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <catch2/catch.hpp>
#include <signal.h>

#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

// What a coordinator and an auditor see: compared across a restart.
std::vector<std::string> snapshot(ServerProcess& server, const std::string& token) {
  std::vector<std::string> out;
  for (const char* target :
       {"/v1/plans", "/v1/plans/vn-la-2024", "/v1/tasks", "/v1/tasks/la-training", "/v1/agencies",
        "/v1/chain", "/v1/views/phase-status?plan=vn-la-2024&on=2025-01-15",
        "/v1/views/overdue?on=2025-01-15", "/v1/events?from=1&limit=1000"}) {
    auto r = server.get(target, token);
    out.push_back(std::string(target) + " " + std::to_string(r.status) + " " + r.body);
  }
  return out;
}

TEST_CASE("after SIGTERM and a new start, state and views are identical", "[e2e][restart]") {
  TempDir dir;
  std::vector<std::string> before;
  std::string auditor_token;
  {
    ServerProcess server(dir.sub("data"));
    const auto& admin = server.admin_token();
    REQUIRE(server.post("/v1/agencies", admin, {{"id", "cong-an-tinh"}, {"name", "Công an tỉnh"}})
                .status == 201);
    REQUIRE(
        server.post("/v1/agencies", admin, {{"id", "so-tu-phap"}, {"name", "Sở Tư pháp"}}).status ==
        201);
    REQUIRE(server.post("/v1/agencies", admin, {{"id", "so-ngoai-vu"}, {"name", "Sở Ngoại vụ"}})
                .status == 201);
    REQUIRE(
        server.post("/v1/agencies", admin, {{"id", "ubnd-tinh"}, {"name", "UBND tỉnh"}}).status ==
        201);
    REQUIRE(server
                .post("/v1/users", admin,
                      {{"id", "aud"},
                       {"name", "Kiểm tra"},
                       {"agency", "ubnd-tinh"},
                       {"roles", {"auditor", "coordinator"}},
                       {"clearance", "secret"}})
                .status == 201);
    auditor_token = server.post("/v1/users/aud/tokens", admin, json::object()).json()["token"];
    REQUIRE(server.post("/v1/plans", auditor_token, small_plan()).status == 201);
    REQUIRE(server.post("/v1/plans/vn-la-2024/issue", auditor_token, json::object()).status == 200);
    before = snapshot(server, auditor_token);
    CHECK(WEXITSTATUS(server.stop(SIGTERM)) == 0);
  }
  ServerProcess again(dir.sub("data"));
  CHECK(snapshot(again, auditor_token) == before);
}

TEST_CASE("after SIGKILL every acknowledged command is there", "[e2e][restart]") {
  TempDir dir;
  std::vector<uint64_t> acknowledged;
  std::mutex mu;
  std::condition_variable progressed;
  {
    ServerProcess server(dir.sub("data"));
    const std::string admin = server.admin_token();
    std::atomic<bool> stop{false};
    int finished = 0;  // Writers that gave up (guarded by mu).
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t) {
      writers.emplace_back([&, t] {
        struct Done {
          std::mutex& mu;
          std::condition_variable& cv;
          int& finished;
          ~Done() {
            std::lock_guard lock(mu);
            ++finished;
            cv.notify_all();
          }
        } done{mu, progressed, finished};
        for (int i = 0; !stop; ++i) {
          HttpResult r;
          try {
            r = server.post("/v1/agencies", admin,
                            {{"id", "a-" + std::to_string(t) + "-" + std::to_string(i)},
                             {"name", "Đơn vị " + std::to_string(i)}});
          } catch (...) {
            return;  // The server is gone: this request was never acknowledged.
          }
          if (r.status != 201) return;
          std::lock_guard lock(mu);
          acknowledged.push_back(r.json()["position"]);
          progressed.notify_all();
        }
      });
    }
    // Kill once plenty of commands have been acknowledged, with more in flight.
    {
      std::unique_lock lock(mu);
      progressed.wait(lock, [&] { return acknowledged.size() >= 200 || finished == 4; });
    }
    server.stop(SIGKILL);
    stop = true;
    for (auto& w : writers) w.join();
  }
  REQUIRE(acknowledged.size() >= 200);
  ServerProcess again(dir.sub("data"));
  const uint64_t head = again.get("/v1/chain", again.admin_token()).json()["head_position"];
  for (uint64_t p : acknowledged) {
    CHECK(p <= head);
    auto e = again.get("/v1/events?from=" + std::to_string(p) + "&limit=1", again.admin_token());
    REQUIRE(e.status == 200);
    CHECK(e.json()["events"][0]["position"] == p);
    CHECK(e.json()["events"][0]["type"] == "agency.registered");
  }
  CHECK(again.get("/v1/chain/verify", again.admin_token()).json()["ok"] == true);
}

}  // namespace
}  // namespace mandate::testing
