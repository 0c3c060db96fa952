// `mandate import`: plan and agencies files into a stopped server's data directory or through
// the API; a bad file changes nothing and names its field.

#include <nlohmann/json.hpp>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

const nlohmann::json kAgencies = nlohmann::json::array(
    {{{"id", "ubnd-tinh"}, {"name", "Ủy ban nhân dân tỉnh"}},
     {{"id", "cong-an-tinh"}, {"name", "Công an tỉnh"}, {"parent", "ubnd-tinh"}},
     {{"id", "so-tu-phap"}, {"name", "Sở Tư pháp"}, {"parent", "ubnd-tinh"}},
     {{"id", "so-ngoai-vu"}, {"name", "Sở Ngoại vụ"}, {"parent", "ubnd-tinh"}}});

uint64_t head_of(const ServerProcess& server) {
  return server.get("/v1/chain", server.admin_token()).json()["head_position"].get<uint64_t>();
}

TEST_CASE("import offline: agencies and an issued plan, and a bad file changes nothing",
          "[e2e][cli][import]") {
  TempDir dir;
  const std::string data = dir.sub("data");
  write_text(dir.sub("agencies.json"), kAgencies.dump());
  write_text(dir.sub("plan.json"), small_plan().dump());
  auto bad = small_plan();
  bad["id"] = "other-plan";
  bad["tasks"][0]["due_on"] = "31/12/2024";
  write_text(dir.sub("bad.json"), bad.dump());
  uint64_t head = 0;
  {
    ServerProcess first(data);
    head = head_of(first);
    REQUIRE(first.stop() == 0);
  }

  // The bad file is last, yet nothing is written: every file is checked before any is.
  const CliRun refused = run_mandate({"import", dir.sub("agencies.json"), dir.sub("plan.json"),
                                      dir.sub("bad.json"), "--data", data});
  CHECK(refused.exit_code == 2);
  CHECK(contains(refused.err, "bad.json"));
  CHECK(contains(refused.err, "tasks[0].due_on"));
  {
    ServerProcess server(data);
    CHECK(head_of(server) == head);
    REQUIRE(server.stop() == 0);
  }

  const CliRun imported =
      run_mandate({"import", dir.sub("agencies.json"), dir.sub("plan.json"), "--data", data});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(contains(imported.out, "imported " + dir.sub("plan.json")));
  {
    ServerProcess server(data);
    const auto plan = server.get("/v1/plans/vn-la-2024", server.admin_token());
    REQUIRE(plan.status == 200);
    CHECK(plan.json()["status"] == "active");
    CHECK(server.get("/v1/agencies/so-tu-phap", server.admin_token()).json()["name"] ==
          "Sở Tư pháp");
    head = head_of(server);
    REQUIRE(server.stop() == 0);
  }

  // The same plan again: the domain refuses it, and nothing is appended.
  const CliRun twice = run_mandate({"import", dir.sub("plan.json"), "--data", data});
  CHECK(twice.exit_code == 1);
  CHECK(contains(twice.err, "plan.json"));
  ServerProcess server(data);
  CHECK(head_of(server) == head);
}

TEST_CASE("import through the API, as a draft", "[e2e][cli][import]") {
  TempDir dir;
  write_text(dir.sub("agencies.json"), kAgencies.dump());
  write_text(dir.sub("plan.json"), small_plan().dump());
  ServerProcess server(dir.sub("data"));
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  const std::string token_file = dir.sub("data") + "/admin.token";

  const CliRun imported = run_mandate({"import", dir.sub("agencies.json"), dir.sub("plan.json"),
                                       "--draft", "--url", url, "--token-file", token_file});
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  const auto plan = server.get("/v1/plans/vn-la-2024", server.admin_token());
  REQUIRE(plan.status == 200);
  CHECK(plan.json()["status"] == "draft");

  const CliRun again =
      run_mandate({"import", dir.sub("plan.json"), "--url", url, "--token-file", token_file});
  CHECK(again.exit_code == 1);
  CHECK(contains(again.err, "409"));
}

TEST_CASE("import refuses what it cannot read, with its exit code", "[e2e][cli][import]") {
  TempDir dir;
  write_text(dir.sub("broken.json"), "{\"id\": ");
  CHECK(run_mandate({"import"}).exit_code == 2);
  const CliRun broken = run_mandate({"import", dir.sub("broken.json"), "--data", dir.sub("d")});
  CHECK(broken.exit_code == 2);
  CHECK(contains(broken.err, "broken.json"));
  CHECK(run_mandate({"import", dir.sub("missing.json")}).exit_code == 2);
  write_text(dir.sub("plan.json"), small_plan().dump());
  CHECK(run_mandate({"import", dir.sub("plan.json"), "--data", dir.sub("none")}).exit_code == 3);
}

}  // namespace
}  // namespace mandate::testing
