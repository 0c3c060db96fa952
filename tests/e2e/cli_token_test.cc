// `mandate token create|revoke`, offline on a stopped server's data directory and through a
// running server's API: the token it prints authenticates, and stops at once when revoked.

#include <nlohmann/json.hpp>

#include "tests/e2e/cli_run.h"

namespace mandate::testing {
namespace {

TEST_CASE("token create and revoke offline: the token works after a restart, then stops",
          "[e2e][cli][token]") {
  TempDir dir;
  const std::string data = dir.sub("data");
  {
    ServerProcess first(data);
    REQUIRE(first.stop() == 0);
  }

  const CliRun created = run_mandate({"token", "create", "--user", "admin", "--data", data});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  const auto issued = nlohmann::json::parse(created.out);
  const std::string token = issued["token"], token_id = issued["token_id"];
  CHECK(token.size() == 64);  // 256 bits, hex.
  {
    ServerProcess server(data);
    CHECK(server.get("/v1/me", token).status == 200);
    // The running server holds the directory: offline commands are refused, not queued.
    const CliRun locked = run_mandate({"token", "revoke", token_id, "--data", data});
    CHECK(locked.exit_code == 3);
    REQUIRE(server.stop() == 0);
  }

  const CliRun revoked = run_mandate({"token", "revoke", token_id, "--data", data});
  INFO(revoked.err);
  CHECK(revoked.exit_code == 0);
  const CliRun again = run_mandate({"token", "revoke", token_id, "--data", data});
  CHECK(again.exit_code == 1);
  CHECK(contains(again.err, "revoked"));
  ServerProcess server(data);
  CHECK(server.get("/v1/me", token).status == 401);
}

TEST_CASE(
    "token create and revoke through the API, with the token from a file or the "
    "environment",
    "[e2e][cli][token]") {
  TempDir dir;
  ServerProcess server(dir.sub("data"));
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  const std::string admin_file = dir.sub("data") + "/admin.token";
  const std::string out = dir.sub("new.token");

  const CliRun created = run_mandate({"token", "create", "--user", "admin", "--url", url,
                                      "--token-file", admin_file, "--out", out});
  INFO(created.err);
  REQUIRE(created.exit_code == 0);
  const auto printed = nlohmann::json::parse(created.out);
  CHECK_FALSE(printed.contains("token"));  // The secret went to the file only.
  std::string token = read_text(out);
  token.pop_back();  // The newline.
  CHECK(server.get("/v1/me", token).status == 200);

  const CliRun revoked =
      run_mandate({"token", "revoke", printed["token_id"].get<std::string>(), "--url", url},
                  "MANDATE_TOKEN=" + server.admin_token());
  INFO(revoked.err);
  CHECK(revoked.exit_code == 0);
  CHECK(server.get("/v1/me", token).status == 401);
}

TEST_CASE("token refuses what it cannot do, with its exit code", "[e2e][cli][token]") {
  TempDir dir;
  const std::string data = dir.sub("data");
  CHECK(run_mandate({"token", "create", "--user", "admin", "--data", data}).exit_code == 3);
  {
    ServerProcess first(data);
    REQUIRE(first.stop() == 0);
  }
  const CliRun nobody = run_mandate({"token", "create", "--user", "nobody", "--data", data});
  CHECK(nobody.exit_code == 1);
  CHECK(contains(nobody.err, "mandate token:"));
  CHECK(run_mandate({"token", "revoke", "t-unknown", "--data", data}).exit_code == 1);
  CHECK(run_mandate({"token", "create", "--data", data}).exit_code == 2);
  CHECK(run_mandate({"token", "mint", "--data", data}).exit_code == 2);
  CHECK(run_mandate({"token", "create", "--user", "admin", "--url", "http://127.0.0.1:1"})
            .exit_code == 2);  // No token to authenticate with.
  CHECK(run_mandate({"token", "create", "--user", "admin", "--url", "http://127.0.0.1:1"},
                    "MANDATE_TOKEN=x")
            .exit_code == 3);  // Nobody listens there.
  const CliRun help = run_mandate({"token", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(contains(help.out, "usage: mandate token"));
}

}  // namespace
}  // namespace mandate::testing
