// `mandate backup` (through the API, while serving; or offline) and `mandate restore`: the
// restored directory serves the same views and the same chain head; a damaged backup is
// refused and leaves nothing behind.

#include <filesystem>

#include <nlohmann/json.hpp>

#include "tests/e2e/api_fixture.h"
#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

using nlohmann::json;

TEST_CASE("backup while serving, restore, and the same views and chain head",
          "[e2e][cli][backup]") {
  ApiFixture api;
  REQUIRE(api.post("coord", "/v1/plans", small_plan()).status == 201);
  REQUIRE(api.post("coord", "/v1/plans/vn-la-2024/issue", json::object()).status == 200);
  REQUIRE(api.post("officer-tp", "/v1/tasks/la-training/acknowledge", json::object()).status ==
          200);
  TempDir dir;
  const std::string backup = dir.sub("backup");
  const std::string url = "http://127.0.0.1:" + std::to_string(api.server().port());
  const std::string token_file = api.data_dir() + "/admin.token";

  const CliRun refused =
      run_mandate({"backup", "--out", backup, "--url", url}, "MANDATE_TOKEN=" + api.token("coord"));
  CHECK(refused.exit_code == 1);
  CHECK(contains(refused.err, "403"));
  CHECK_FALSE(std::filesystem::exists(backup));

  const CliRun taken =
      run_mandate({"backup", "--out", backup, "--url", url, "--token-file", token_file});
  INFO(taken.err);
  REQUIRE(taken.exit_code == 0);
  CHECK(run_mandate({"backup", "--out", backup, "--url", url, "--token-file", token_file})
            .exit_code == 1);  // The directory exists now.

  const json chain = api.get("admin", "/v1/chain").json();
  const std::string status_query = "/v1/views/phase-status?plan=vn-la-2024&on=2025-01-15";
  const json status = api.get("admin", status_query).json();
  const json task = api.get("admin", "/v1/tasks/la-training").json();
  REQUIRE(api.server().stop() == 0);

  const std::string restored = dir.sub("restored");
  const CliRun put_back = run_mandate({"restore", backup, "--data", restored});
  INFO(put_back.err);
  REQUIRE(put_back.exit_code == 0);
  CHECK(contains(put_back.out, "head " + chain["head_position"].dump()));
  // The admin's token file stays with the original: a new one is issued for the copy.
  REQUIRE(run_mandate({"token", "create", "--user", "admin", "--out", restored + "/admin.token",
                       "--data", restored})
              .exit_code == 0);
  ServerProcess server(restored);
  const json restored_chain = server.get("/v1/chain", server.admin_token()).json();
  // The token just issued is one event past the copied head; the history before it is the same.
  CHECK(restored_chain["head_position"].get<uint64_t>() ==
        chain["head_position"].get<uint64_t>() + 1);
  const uint64_t copied_head = chain["head_position"];
  const json at_copy =
      server
          .get("/v1/events?from=" + std::to_string(copied_head) + "&limit=1", server.admin_token())
          .json();
  CHECK(at_copy["events"][0]["hash"] == chain["head_hash"]);
  json restored_status =
      server.get(status_query + "&as_of=" + std::to_string(copied_head), server.admin_token())
          .json();
  CHECK(restored_status == status);
  CHECK(server.get("/v1/tasks/la-training", server.admin_token()).json() == task);
}

TEST_CASE("restore refuses a damaged backup and leaves nothing", "[e2e][cli][backup]") {
  TempDir dir;
  const std::string data = dir.sub("data"), backup = dir.sub("backup");
  {
    ServerProcess server(data);
    REQUIRE(server
                .post("/v1/agencies", server.admin_token(),
                      {{"id", "so-tu-phap"}, {"name", "Sở Tư pháp"}})
                .status == 201);
    REQUIRE(server.stop() == 0);
  }
  const CliRun offline = run_mandate({"backup", "--out", backup, "--data", data});
  INFO(offline.err);
  REQUIRE(offline.exit_code == 0);
  CHECK(run_mandate({"restore", backup, "--data", dir.sub("good")}).exit_code == 0);
  CHECK(run_mandate({"restore", backup, "--data", dir.sub("good")}).exit_code == 2);  // Exists.

  // backup.json names a head the copy does not hold.
  auto manifest = json::parse(read_text(backup + "/backup.json"));
  manifest["head_position"] = manifest["head_position"].get<uint64_t>() + 1;
  write_text(backup + "/backup.json", manifest.dump());
  const CliRun wrong = run_mandate({"restore", backup, "--data", dir.sub("wrong")});
  CHECK(wrong.exit_code == 1);
  CHECK_FALSE(std::filesystem::exists(dir.sub("wrong")));

  CHECK(run_mandate({"restore", dir.sub("nothing"), "--data", dir.sub("x")}).exit_code == 3);
  CHECK(run_mandate({"restore", backup}).exit_code == 2);
  CHECK(run_mandate({"backup", "--data", data}).exit_code == 2);
}

}  // namespace
}  // namespace mandate::testing
