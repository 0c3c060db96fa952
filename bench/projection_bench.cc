// Projection figures on a generated log of a province at work (tests/support/
// history_generator.h): rebuild rate, `as_of` latency at random positions, time to ready after
// a restart, and resident memory of a server-like process holding the views.
//
//   projection_bench [--events N] [--dir DIR] [--runs R] [--samples S] [--tsv FILE]
//
// The log is generated into DIR (default: a fresh temporary directory, removed after) unless
// DIR already holds at least N events, so repeated runs can share one log; a generated DIR
// also gets the user "admin" and DIR/admin.token, so that `mandate serve --data DIR` answers. The
// restart is measured in a child process (this binary with --ready DIR), so its memory is that of a
// process that only opened the store and loaded the views.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <random>
#include <string>
#include <vector>

#include <sys/wait.h>
#include <unistd.h>

#include "events/raw_access.h"
#include "projections/replay.h"
#include "projections/runner.h"
#include "projections/snapshot_store.h"
#include "projections/views.h"
#include "tests/support/history_generator.h"
#include "tools/bootstrap.h"

namespace {

using namespace mandate;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// VmHWM (peak resident) and VmRSS of this process, in KiB.
std::pair<long, long> memory_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  long hwm = 0, rss = 0;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::stol(line.substr(6));
    if (line.rfind("VmRSS:", 0) == 0) rss = std::stol(line.substr(6));
  }
  return {hwm, rss};
}

std::unique_ptr<events::EventStore> open_store(const std::string& dir, bool sync) {
  events::StoreOptions options;
  options.path = dir + "/log";
  options.clock = testing::HistoryGenerator::clock();
  options.sync = sync;
  options.extra_column_families = projections::Views::column_families();
  auto store = events::EventStore::open(options);
  if (!store.ok()) {
    std::cerr << "cannot open " << dir << ": " << store.error().message << "\n";
    std::exit(1);
  }
  return std::move(store).value();
}

// The child: open, load the views from their snapshots, catch up; print the figures.
int ready_main(const std::string& dir) {
  const auto start = Clock::now();
  auto store = open_store(dir, true);
  const double opened = seconds_since(start);
  projections::Views views;
  projections::ProjectionRunner runner(*store, views.all());
  runner.start();
  if (!runner.wait_applied(store->head().position, std::chrono::hours(1))) {
    std::cerr << "views did not catch up: " << runner.failure() << "\n";
    return 1;
  }
  const double ready = seconds_since(start);
  const auto [hwm, rss] = memory_kib();
  std::printf("%.4f %.4f %llu %llu %ld %ld\n", opened, ready,
              static_cast<unsigned long long>(runner.resumed_from()),
              static_cast<unsigned long long>(store->head().position), hwm, rss);
  runner.stop();
  return 0;
}

struct ReadyFigures {
  double opened = 0, ready = 0;
  unsigned long long resumed = 0, head = 0;
  long hwm = 0, rss = 0;
};

ReadyFigures measure_restart(const char* self, const std::string& dir) {
  int out[2];
  if (::pipe(out) != 0) std::exit(1);
  const pid_t child = ::fork();
  if (child == 0) {
    ::dup2(out[1], STDOUT_FILENO);
    ::close(out[0]);
    ::execl(self, self, "--ready", dir.c_str(), static_cast<char*>(nullptr));
    std::_Exit(127);
  }
  ::close(out[1]);
  std::string text;
  char buffer[256];
  for (ssize_t n; (n = ::read(out[0], buffer, sizeof buffer)) > 0;) text.append(buffer, n);
  ::close(out[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  ReadyFigures f;
  if (std::sscanf(text.c_str(), "%lf %lf %llu %llu %ld %ld", &f.opened, &f.ready, &f.resumed,
                  &f.head, &f.hwm, &f.rss) != 6) {
    std::cerr << "restart child failed: " << text << "\n";
    std::exit(1);
  }
  return f;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1))];
}

// One of bench/run's rows, `key<TAB>median<TAB>min<TAB>max<TAB>unit`, the median as printed.
void write_tsv(std::FILE* out, const char* key, const std::vector<double>& values,
               const char* unit) {
  if (out == nullptr) return;
  std::fprintf(out, "%s\t%.4f\t%.4f\t%.4f\t%s\n", key, percentile(values, 0.5),
               *std::min_element(values.begin(), values.end()),
               *std::max_element(values.begin(), values.end()), unit);
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t events = 1'000'000;
  std::string dir;
  int runs = 3, samples = 100;
  std::FILE* tsv = nullptr;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--ready") return ready_main(value());
    if (arg == "--events")
      events = std::stoull(value());
    else if (arg == "--dir")
      dir = value();
    else if (arg == "--runs")
      runs = std::stoi(value());
    else if (arg == "--samples")
      samples = std::stoi(value());
    else if (arg == "--tsv") {
      if ((tsv = std::fopen(value().c_str(), "w")) == nullptr) return 2;
    } else {
      std::cerr << "usage: projection_bench [--events N] [--dir DIR] [--runs R] [--samples S] "
                   "[--tsv FILE]\n";
      return 2;
    }
  }
  const bool temporary = dir.empty();
  if (temporary) {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mandate-projection-bench-XXXXXX").string();
    dir = ::mkdtemp(pattern.data());
  }
  std::filesystem::create_directories(dir);

  uint64_t head = 0;
  {
    auto store = open_store(dir, false);
    if (store->head().position < events) {
      const auto start = Clock::now();
      testing::HistoryGenerator generator(*store, 20261123, MANDATE_PLANS_DIR);
      if (auto st = generator.run(events); !st.ok()) {
        std::cerr << "generating: " << st.error().message << "\n";
        return 1;
      }
      std::printf("generated %llu events in %.1f s\n",
                  static_cast<unsigned long long>(store->head().position), seconds_since(start));
      // A server's log has had its background compactions; a log written in one burst has a
      // heap of level-0 files that would make every read below slower than a server's.
      const auto compacting = Clock::now();
      for (const char* family : {"events", "streams"}) {
        if (auto st = events::RawAccess::compact(*store, family); !st.ok()) {
          std::cerr << "compacting: " << st.error().message << "\n";
          return 1;
        }
      }
      std::printf("compacted in %.1f s\n", seconds_since(compacting));
      // So that `mandate serve --data DIR` can be asked, with DIR/admin.token.
      if (auto st = tools::bootstrap_admin(*store, dir); !st.ok()) {
        std::cerr << "creating the admin: " << st.error().message << "\n";
        return 1;
      }
    }
    head = store->head().position;

    // The floor under a rebuild: read and decode every event, apply nothing.
    {
      const auto start = Clock::now();
      uint64_t decoded = 0;
      auto scanned = store->scan(1, head, [&](const events::EventView& view) {
        decoded += view.decode().ok() ? 1 : 0;
        return true;
      });
      if (!scanned.ok()) return 1;
      std::printf("read and decode only: %.0f events/s\n",
                  static_cast<double>(decoded) / seconds_since(start));
    }

    // Rebuild: every projection from position 1, no snapshots.
    std::vector<double> rates;
    size_t tasks = 0;
    for (int r = 0; r < runs; ++r) {
      projections::Views views;
      const auto start = Clock::now();
      if (!projections::rebuild_into(*store, head, views).ok()) return 1;
      rates.push_back(static_cast<double>(head) / seconds_since(start));
      tasks = views.tasks.all().size();
    }
    std::printf("log: %llu events, %zu tasks\n", static_cast<unsigned long long>(head), tasks);
    {
      projections::Views views;
      if (!projections::rebuild_into(*store, head, views).ok()) return 1;
      // What a runner's snapshot costs the views: all six saved side by side, as it does.
      {
        const projections::SnapshotStore snapshots(*store);
        const auto start = Clock::now();
        std::vector<std::future<core::Status>> saving;
        for (const auto* projection : views.all()) {
          saving.push_back(std::async(std::launch::async, [&snapshots, projection, head] {
            return snapshots.save(*projection, head);
          }));
        }
        for (auto& one : saving) {
          if (!one.get().ok()) return 1;
        }
        std::printf("snapshot of every view (the runner's pause): %.0f ms\n",
                    seconds_since(start) * 1000);
      }
      std::printf("snapshot sizes:");
      for (const auto* projection : views.all()) {
        projections::snapshot::Writer out;
        projection->save(out);
        std::printf(" %s %.1f MiB;", std::string(projection->name()).c_str(),
                    static_cast<double>(out.data().size()) / (1 << 20));
      }
      std::printf("\n");
    }
    std::printf("rebuild: median %.0f events/s (min %.0f, max %.0f) over %d runs\n",
                percentile(rates, 0.5), *std::min_element(rates.begin(), rates.end()),
                *std::max_element(rates.begin(), rates.end()), runs);
    write_tsv(tsv, "rebuild", rates, "events/s");

    // Snapshots as a server takes and thins them (projections/snapshot_retention.h, and at
    // stop): from position 1, so that as_of below finds them where a server would leave them.
    {
      const projections::SnapshotStore snapshots(*store);
      projections::Views discarded;
      for (auto* projection : discarded.all()) {
        if (!snapshots.discard(*projection).ok()) return 1;
      }
      projections::Views views;
      projections::ProjectionRunner runner(*store, views.all());
      const auto start = Clock::now();
      runner.start();
      if (!runner.wait_applied(head, std::chrono::hours(2))) return 1;
      runner.stop();
      std::printf(
          "runner from position 1 to the head, snapshots on the server's schedule: %.2f s\n",
          seconds_since(start));
      std::printf("snapshots kept:");
      for (const auto* projection : views.all()) {
        const auto kept = snapshots.positions(*projection);
        std::printf(" %s %zu;", std::string(projection->name()).c_str(),
                    kept.ok() ? kept->size() : 0);
      }
      std::printf("\n");
    }

    // Loading the snapshots at the head, view by view.
    {
      projections::Views views;
      const projections::SnapshotStore snapshots(*store);
      std::printf("snapshot load:");
      for (auto* projection : views.all()) {
        const auto start = Clock::now();
        if (!snapshots.load(*projection, head).ok()) return 1;
        std::printf(" %s %.1f ms;", std::string(projection->name()).c_str(),
                    seconds_since(start) * 1000);
      }
      std::printf("\n");
    }

    // as_of at random positions: the nearest snapshot plus a replay, of every view, and of
    // the two that GET /v1/views/phase-status reads.
    for (const unsigned needs :
         {unsigned{projections::Views::kAll},
          unsigned{projections::Views::kPlans | projections::Views::kTasks}}) {
      std::mt19937_64 rng(7);
      std::vector<double> latencies;
      uint64_t most_replayed = 0;
      for (int s = 0; s < samples; ++s) {
        const uint64_t at = std::uniform_int_distribution<uint64_t>(1, head)(rng);
        projections::Views views;
        const auto start = Clock::now();
        auto replayed = projections::replay_into(*store, at, views.select(needs));
        if (!replayed.ok()) return 1;
        latencies.push_back(seconds_since(start) * 1000);
        most_replayed = std::max(most_replayed, replayed->events);
      }
      std::printf(
          "as_of (%s): p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d random positions "
          "(at most %llu events applied after a snapshot)\n",
          needs == projections::Views::kAll ? "every view" : "plans and tasks",
          percentile(latencies, 0.5), percentile(latencies, 0.99),
          *std::max_element(latencies.begin(), latencies.end()), samples,
          static_cast<unsigned long long>(most_replayed));
      if (needs == projections::Views::kAll) {  // One pass: median, min and max are the same.
        write_tsv(tsv, "as_of_p50_ms", {percentile(latencies, 0.5)}, "ms");
        write_tsv(tsv, "as_of_p99_ms", {percentile(latencies, 0.99)}, "ms");
      }
    }
  }

  // Restart: a fresh process opens the store and loads the views.
  std::vector<ReadyFigures> restarts;
  for (int r = 0; r < runs; ++r) restarts.push_back(measure_restart(argv[0], dir));
  std::vector<double> ready;
  for (const auto& f : restarts) ready.push_back(f.ready);
  const auto& last = restarts.back();
  std::printf(
      "ready after restart: median %.3f s (min %.3f, max %.3f); store open %.3f s; "
      "resumed from %llu of %llu\n",
      percentile(ready, 0.5), *std::min_element(ready.begin(), ready.end()),
      *std::max_element(ready.begin(), ready.end()), last.opened, last.resumed, last.head);
  std::printf("resident memory once ready: %.1f MiB (peak %.1f MiB)\n", last.rss / 1024.0,
              last.hwm / 1024.0);
  std::vector<double> rss;
  for (const auto& f : restarts) rss.push_back(static_cast<double>(f.rss) / 1024.0);
  write_tsv(tsv, "ready_s", ready, "s");
  write_tsv(tsv, "rss_mib", rss, "MiB");
  if (tsv != nullptr) std::fclose(tsv);

  if (temporary) std::filesystem::remove_all(dir);
  return 0;
}
