// Appends in a loop from several threads and writes one line per acknowledged append to stdout:
// "<position> <stream> <version>". The crash test kills it with SIGKILL at random moments and
// checks that every line it read is in the reopened store.

#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "events/store.h"

namespace {

constexpr int kThreads = 4;

int64_t wall_clock_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: crash_writer DATA_DIR\n");
    return 2;
  }
  mandate::events::StoreOptions options;
  options.path = argv[1];
  options.clock = [] { return mandate::core::Instant{wall_clock_micros()}; };
  auto store = mandate::events::EventStore::open(options);
  if (!store.ok()) {
    std::fprintf(stderr, "crash_writer: %s\n", store.error().message.c_str());
    return 1;
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string stream = "task:writer-" + std::to_string(t);
      uint64_t version = (*store)->stream_version(stream).value();
      for (;;) {
        mandate::core::StreamWrite w{stream, version, {}};
        w.events.push_back(mandate::core::NewEvent{
            mandate::core::TaskAcknowledged{"agency-" + std::to_string(t), 1}, {}});
        auto r = (*store)->append({w}, mandate::events::AppendContext{{"crash", "agency"}, "", ""});
        if (!r.ok()) {
          std::fprintf(stderr, "crash_writer: %s\n", r.error().message.c_str());
          std::_Exit(1);
        }
        version = r->stream_versions[0].second;
        const std::string line =
            std::to_string(r->last_position) + " " + stream + " " + std::to_string(version) + "\n";
        // One write(2) per line, shorter than PIPE_BUF: lines from threads never interleave.
        if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) std::_Exit(1);
      }
    });
  }
  for (auto& th : threads) th.join();
}
