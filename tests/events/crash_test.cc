// Kill -9 a writer at random moments; every append it acknowledged must survive, with an
// intact chain.

#include <random>
#include <sstream>

#include <catch2/catch.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "events/store.h"
#include "tests/support/temp_dir.h"

extern char** environ;

namespace mandate::testing {
namespace {

struct Ack {
  uint64_t position;
  std::string stream;
  uint64_t version;
};

// Runs the writer until it has acknowledged `kill_after` appends, kills it, and returns every
// acknowledgement it wrote before dying.
std::vector<Ack> run_and_kill(const std::string& dir, int kill_after) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, fds[0]);
  posix_spawn_file_actions_addclose(&actions, fds[1]);
  std::string program = MANDATE_CRASH_WRITER;
  char* argv[] = {program.data(), const_cast<char*>(dir.c_str()), nullptr};
  pid_t pid = 0;
  REQUIRE(::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);

  std::vector<Ack> acks;
  std::string buffer;
  bool killed = false;
  char chunk[4096];
  for (;;) {
    const ssize_t n = ::read(fds[0], chunk, sizeof chunk);
    if (n <= 0) break;  // EOF: the writer is dead and its pipe drained.
    buffer.append(chunk, static_cast<size_t>(n));
    size_t eol;
    while ((eol = buffer.find('\n')) != std::string::npos) {
      std::istringstream line(buffer.substr(0, eol));
      buffer.erase(0, eol + 1);
      Ack ack;
      line >> ack.position >> ack.stream >> ack.version;
      acks.push_back(ack);
    }
    if (!killed && static_cast<int>(acks.size()) >= kill_after) {
      ::kill(pid, SIGKILL);
      killed = true;
    }
  }
  ::close(fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGKILL);
  return acks;
}

TEST_CASE("every acknowledged append survives SIGKILL", "[events][crash]") {
  TempDir dir;
  const std::string data = dir.sub("data");
  const auto seed = std::random_device{}();
  INFO("seed " << seed);
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> kill_after(1, 400);
  std::vector<Ack> all_acks;
  constexpr int kRounds = 20;
  for (int round = 0; round < kRounds; ++round) {
    auto acks = run_and_kill(data, kill_after(rng));
    REQUIRE_FALSE(acks.empty());
    all_acks.insert(all_acks.end(), acks.begin(), acks.end());

    events::StoreOptions options;
    options.path = data;
    options.clock = [] { return core::Instant{0}; };
    auto store = events::EventStore::open(options);
    REQUIRE(store.ok());
    for (const auto& ack : all_acks) {
      auto events = (*store)->read_stream(ack.stream, ack.version, 1);
      REQUIRE(events.ok());
      REQUIRE(events->size() == 1);
      CHECK(events->front().position == ack.position);
      CHECK(events->front().version == ack.version);
    }
    auto report = (*store)->verify();
    CHECK(report.ok);
    CHECK(report.checked == (*store)->head().position);
  }
}

}  // namespace
}  // namespace mandate::testing
