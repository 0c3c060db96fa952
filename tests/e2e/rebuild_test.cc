// `mandate rebuild` on a stopped server's data directory: the views rebuilt from position 1
// agree with the snapshots the server saved when it stopped; a snapshot that disagrees is
// named, discarded and replaced, and the next start serves the rebuilt views.

#include <cstdio>

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include "projections/snapshot_store.h"
#include "projections/views.h"
#include "tests/e2e/api_fixture.h"

namespace mandate::testing {
namespace {

struct Run {
  int exit_code = -1;
  std::string output;
};

Run run_rebuild(const std::string& data_dir) {
  const std::string command = mandate_binary() + " rebuild --data '" + data_dir + "' 2>&1";
  Run run;
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[512];
  while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) run.output += buffer;
  const int status = ::pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

TEST_CASE("rebuild agrees with the snapshots saved at stop, and replaces a wrong one",
          "[e2e][rebuild]") {
  TempDir dir;
  const std::string data = dir.sub("data");
  uint64_t head = 0;
  std::string agencies_before;
  {
    ServerProcess server(data);
    const auto& admin = server.admin_token();
    REQUIRE(server.post("/v1/agencies", admin, {{"id", "cong-an-tinh"}, {"name", "Công an tỉnh"}})
                .status == 201);
    head = server.get("/v1/chain", admin).json()["head_position"].get<uint64_t>();
    agencies_before = server.get("/v1/agencies", admin).body;
    REQUIRE(server.stop() == 0);
  }

  const Run agreed = run_rebuild(data);
  INFO(agreed.output);
  CHECK(agreed.exit_code == 0);
  for (const char* view : {"directory", "plan", "task", "difficulty", "transfer", "incident"}) {
    CHECK(agreed.output.find(std::string(view) + ": agrees with its snapshot at " +
                             std::to_string(head)) != std::string::npos);
  }

  // A snapshot that reads well but says the wrong thing: the directory with nobody in it.
  {
    events::StoreOptions options;
    options.path = data + "/log";
    options.clock = [] { return core::Instant{}; };
    auto store = events::EventStore::open(options);
    REQUIRE(store.ok());
    projections::DirectoryView empty;
    REQUIRE(projections::SnapshotStore(**store).save(empty, head).ok());
  }
  const Run differed = run_rebuild(data);
  INFO(differed.output);
  CHECK(differed.exit_code == 1);
  CHECK(differed.output.find("directory: differs from its snapshot at " + std::to_string(head)) !=
        std::string::npos);
  CHECK(differed.output.find("task: agrees") != std::string::npos);

  const Run again = run_rebuild(data);
  INFO(again.output);
  CHECK(again.exit_code == 0);

  ServerProcess restarted(data);
  CHECK(restarted.get("/v1/agencies", restarted.admin_token()).body == agencies_before);
}

TEST_CASE("rebuild refuses a directory without a log and bad flags", "[e2e][rebuild]") {
  TempDir dir;
  CHECK(run_rebuild(dir.sub("nothing-here")).exit_code == 3);
  const std::string command = mandate_binary() + " rebuild --bogus >/dev/null 2>&1";
  const int status = std::system(command.c_str());
  CHECK(WEXITSTATUS(status) == 2);
}

}  // namespace
}  // namespace mandate::testing
