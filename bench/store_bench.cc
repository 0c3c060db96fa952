// store_bench: what the event store costs on this machine, in one run.
//
// What is measured (each in a fresh store under one temporary directory, removed at the end):
//
//   append    Durable appends with 1, 8 and 64 writer threads. Each thread appends
//             single-event decisions (a TaskProgressReported with a ~100-byte Vietnamese note)
//             to its own stream with the exact expected version, through the synchronous
//             EventStore::append(). Rate = acknowledged appends / wall seconds. Every append
//             is synced before it is acknowledged, so one writer is bound by fsync latency;
//             more writers share fsyncs (group commit), and "appends/commit" shows how many.
//   replay    A log of --replay-events events written as a few large decisions, then the store
//             is reopened (as at startup) and read back: scan() decoding every event, scan()
//             reading only each envelope's position, and verify() over the whole chain.
//   raw       RocksDB alone, default options, in its own database: puts without sync, synced
//             WriteBatches of 100 puts, single synced puts, and an iterator over every key.
//             The single synced put is the fsync floor a durable append cannot beat.
//
// How to read the table: every row is the median of --runs repetitions, with the slowest and
// fastest run beside it. "count" is how many events or operations one run did. The page cache
// is warm throughout (the benchmark cannot drop it), so replay figures are CPU figures.
//
// The raw figures use RocksDB directly, the one place outside events/ that does: they are the
// baseline the store is compared against.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <latch>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/decision.h"
#include "core/result.h"
#include "events/rocks_status.h"
#include "events/store.h"

namespace mandate::bench {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr int kDefaultRuns = 3;
constexpr uint64_t kDefaultTotalAppends = 200'000;
// One writer waits for one fsync per append: a smaller count keeps the run short.
constexpr uint64_t kSingleWriterAppends = 20'000;
constexpr int kWriterCounts[] = {1, 8, 64};
constexpr uint64_t kDefaultReplayEvents = 1'000'000;
// The replay log is filled with few large decisions so that filling is quick.
constexpr uint64_t kFillEventsPerDecision = 1'000;

constexpr uint64_t kRawUnsyncedPuts = 500'000;
constexpr uint64_t kRawBatchSize = 100;
constexpr uint64_t kRawSyncedBatches = 1'000;
// Each single synced put costs a whole fsync: capped so that the run ends.
constexpr uint64_t kRawSingleSyncedPuts = 2'000;
constexpr size_t kRawValueBytes = 200;
constexpr uint32_t kRawValueSeed = 42;  // Fixed: the values are the same in every run.

// 103 bytes of UTF-8: about what a progress report says.
constexpr const char* kProgressNote =
    "Đã rà soát danh mục tài liệu mật, gửi báo cáo tiến độ quý I cho Bộ Ngoại giao.";
constexpr uint32_t kProgressPercent = 40;

// ---- Flags ----

struct Flags {
  int runs = kDefaultRuns;
  uint64_t appends = kDefaultTotalAppends;
  uint64_t replay_events = kDefaultReplayEvents;
  std::string dir = fs::temp_directory_path().string();
  bool append = true, replay = true, raw = true;
  std::string tsv;  // Where bench/run reads the figures; none when empty.
};

constexpr const char* kUsage =
    "usage: store_bench [--runs N] [--appends N] [--replay-events N] [--dir PARENT]\n"
    "                   [--only append,replay,raw] [--tsv FILE]\n"
    "Measures durable appends, replay and raw RocksDB; see bench/README.md.\n";

core::Result<Flags> parse_flags(int argc, char** argv) {
  Flags flags;
  auto bad = [](const std::string& what) {
    return core::make_error(core::ErrorCode::kValidationFailed, what + "\n" + kUsage);
  };
  for (int i = 1; i < argc; ++i) {
    std::string name = argv[i], value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
    } else if (i + 1 < argc) {
      value = argv[++i];
    } else {
      return bad(name + " needs a value");
    }
    auto number = [&]() -> std::optional<uint64_t> {
      char* end = nullptr;
      const uint64_t n = std::strtoull(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || n == 0) return std::nullopt;
      return n;
    };
    if (name == "--dir") {
      flags.dir = value;
    } else if (name == "--tsv") {
      flags.tsv = value;
    } else if (name == "--only") {
      flags.append = flags.replay = flags.raw = false;
      std::stringstream parts(value);
      for (std::string part; std::getline(parts, part, ',');) {
        if (part == "append") {
          flags.append = true;
        } else if (part == "replay") {
          flags.replay = true;
        } else if (part == "raw") {
          flags.raw = true;
        } else {
          return bad("--only takes append, replay and raw, not " + part);
        }
      }
    } else if (auto n = number(); !n) {
      return bad(name + " needs a positive number, not '" + value + "'");
    } else if (name == "--runs") {
      flags.runs = static_cast<int>(*n);
    } else if (name == "--appends") {
      flags.appends = *n;
    } else if (name == "--replay-events") {
      flags.replay_events = *n;
    } else {
      return bad("unknown flag " + name);
    }
  }
  return flags;
}

// ---- Measurements and the table ----

struct Sample {
  uint64_t count = 0;
  double seconds = 0;
  double rate() const { return seconds > 0 ? count / seconds : 0; }
};

// One row: a sample per run, or none and a note saying why (e.g. decode pending).
struct Row {
  std::string name;
  std::vector<Sample> samples;
  std::string note;
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Times fn(), which returns how many events or operations it did.
core::Result<Sample> timed(const std::function<core::Result<uint64_t>()>& fn) {
  const auto start = Clock::now();
  ASSIGN_OR_RETURN(uint64_t count, fn());
  return Sample{count, seconds_since(start)};
}

// bench/run's rows, as `key<TAB>median<TAB>min<TAB>max<TAB>unit` lines; rows it does not
// compare have no key.
std::FILE* tsv_out = nullptr;

const char* tsv_key(const std::string& name) {
  if (name == "durable append, 1 writer") return "append_1";
  if (name == "durable append, 8 writers") return "append_8";
  if (name == "durable append, 64 writers") return "append_64";
  if (name == "replay, scan + decode") return "replay";
  return nullptr;
}

void print_header() {
  std::printf("%-34s %10s %9s %12s %12s %12s  %s\n", "measurement", "count", "seconds", "rate/s",
              "min rate/s", "max rate/s", "note");
}

void print_row(const Row& row) {
  if (row.samples.empty()) {
    std::printf("%-34s %10s %9s %12s %12s %12s  %s\n", row.name.c_str(), "-", "-", "-", "-", "-",
                row.note.c_str());
    return;
  }
  std::vector<Sample> by_rate = row.samples;
  std::sort(by_rate.begin(), by_rate.end(),
            [](const Sample& a, const Sample& b) { return a.rate() < b.rate(); });
  const Sample& median = by_rate[by_rate.size() / 2];  // Of an even count, the faster middle.
  std::printf("%-34s %10llu %9.3f %12.0f %12.0f %12.0f  %s\n", row.name.c_str(),
              static_cast<unsigned long long>(median.count), median.seconds, median.rate(),
              by_rate.front().rate(), by_rate.back().rate(), row.note.c_str());
  std::fflush(stdout);
  if (const char* key = tsv_key(row.name); key != nullptr && tsv_out != nullptr) {
    std::fprintf(tsv_out, "%s\t%.4f\t%.4f\t%.4f\t%s\n", key, median.rate(), by_rate.front().rate(),
                 by_rate.back().rate(),
                 row.name.rfind("replay", 0) == 0 ? "events/s" : "appends/s");
    std::fflush(tsv_out);
  }
}

// ---- The machine ----

std::string shell_output(const std::string& command) {
  std::string out;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
    ::pclose(pipe);
  }
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

std::string quoted(const std::string& path) {
  std::string q = "'";
  for (char c : path) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string meminfo_total() {
  std::ifstream in("/proc/meminfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("MemTotal:", 0) == 0) return line.substr(line.find_first_not_of(" ", 9));
  }
  return "unknown";
}

std::string load_average() {
  double load[3] = {0, 0, 0};
  if (::getloadavg(load, 3) != 3) return "unknown";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f %.2f %.2f", load[0], load[1], load[2]);
  return buf;
}

void print_machine(const std::string& dir) {
  std::printf("cpu:     %s, nproc %ld\n",
              shell_output("lscpu | sed -n 's/^Model name: *//p'").c_str(),
              ::sysconf(_SC_NPROCESSORS_ONLN));
  std::printf("memory:  %s\n", meminfo_total().c_str());
  std::printf("data:    %s\n", dir.c_str());
  std::printf("%s\n", shell_output("df -hT " + quoted(dir)).c_str());
  std::printf("load:    %s (1, 5, 15 min) before\n\n", load_average().c_str());
}

// ---- Directories ----

// A fresh directory under `parent`, removed with everything in it on destruction.
class TempDir {
 public:
  static core::Result<TempDir> make(const std::string& parent) {
    std::string pattern = (fs::path(parent) / "mandate-bench-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      return core::make_error(core::ErrorCode::kInternal, "cannot create a directory in " + parent);
    }
    return TempDir(pattern);
  }
  TempDir(TempDir&& other) noexcept : path_(std::exchange(other.path_, {})) {}
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    if (!path_.empty()) fs::remove_all(path_, ignored);
  }

  // A path inside, not yet created; a previous one of the same name is removed.
  std::string fresh(const std::string& name) const {
    std::error_code ignored;
    fs::remove_all(path_ / name, ignored);
    return (path_ / name).string();
  }
  const fs::path& path() const { return path_; }

 private:
  explicit TempDir(fs::path path) : path_(std::move(path)) {}
  fs::path path_;
};

// ---- The event store ----

core::Instant wall_clock() {
  return core::Instant{std::chrono::duration_cast<std::chrono::microseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count()};
}

core::Result<std::unique_ptr<events::EventStore>> open_store(const std::string& path) {
  events::StoreOptions options;
  options.path = path;
  options.clock = wall_clock;
  return events::EventStore::open(std::move(options));
}

const events::AppendContext& bench_context() {
  static const events::AppendContext context{{"bench", "bo-cong-an"}, "bench-corr", ""};
  return context;
}

core::NewEvent progress_event(int writer) {
  return core::NewEvent{core::TaskProgressReported{"agency-" + std::to_string(writer),
                                                   kProgressNote, kProgressPercent},
                        std::nullopt};
}

// The first error any thread reports; the others see failed() and stop.
class FirstError {
 public:
  void set(core::Error error) {
    std::lock_guard lock(mu_);
    if (!error_) error_ = std::move(error);
    failed_ = true;
  }
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  std::optional<core::Error> get() const {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  mutable std::mutex mu_;
  std::optional<core::Error> error_;
  std::atomic<bool> failed_{false};
};

void append_loop(events::EventStore& store, int writer, uint64_t count, FirstError& error) {
  const std::string stream = core::task_stream("bench-" + std::to_string(writer));
  uint64_t version = 0;
  for (uint64_t i = 0; i < count && !error.failed(); ++i) {
    auto result = store.append(core::single_stream(stream, version, {progress_event(writer)}),
                               bench_context());
    if (!result.ok()) return error.set(result.take_error());
    version = result->stream_versions.front().second;
  }
}

struct AppendRun {
  Sample sample;
  uint64_t commits = 0;
};

// `writers` threads, each appending `per_writer` events to its own stream in a new store.
core::Result<AppendRun> run_appends(const std::string& path, int writers, uint64_t per_writer) {
  std::atomic<uint64_t> commits{0};  // Outlives the store, whose writer thread counts.
  ASSIGN_OR_RETURN(auto store, open_store(path));
  store->add_commit_listener([&commits](uint64_t) { commits.fetch_add(1); });
  FirstError error;
  std::latch ready(writers), go(1);
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      ready.count_down();
      go.wait();
      append_loop(*store, w, per_writer, error);
    });
  }
  ready.wait();
  const auto start = Clock::now();
  go.count_down();
  for (auto& t : threads) t.join();
  const double seconds = seconds_since(start);
  if (auto e = error.get()) return *e;
  return AppendRun{{per_writer * writers, seconds}, commits.load()};
}

core::Status bench_appends(const Flags& flags, const TempDir& dir) {
  for (int writers : kWriterCounts) {
    const uint64_t total =
        writers == 1 ? std::min(flags.appends, kSingleWriterAppends) : flags.appends;
    const uint64_t per_writer = std::max<uint64_t>(total / writers, 1);
    Row row{"durable append, " + std::to_string(writers) + (writers == 1 ? " writer" : " writers"),
            {},
            ""};
    uint64_t commits = 0;
    for (int run = 0; run < flags.runs; ++run) {
      ASSIGN_OR_RETURN(AppendRun r, run_appends(dir.fresh("append"), writers, per_writer));
      row.samples.push_back(r.sample);
      commits += r.commits;
    }
    char note[64];
    std::snprintf(note, sizeof note, "%.1f appends/commit",
                  static_cast<double>(per_writer * writers * flags.runs) / commits);
    row.note = note;
    print_row(row);
  }
  return core::ok_status();
}

core::Status fill_replay_log(const std::string& path, uint64_t events) {
  ASSIGN_OR_RETURN(auto store, open_store(path));
  for (uint64_t done = 0, stream = 0; done < events; ++stream) {
    core::StreamWrite write{core::task_stream("replay-" + std::to_string(stream)), 0, {}};
    const uint64_t n = std::min(kFillEventsPerDecision, events - done);
    for (uint64_t i = 0; i < n; ++i) write.events.push_back(progress_event(static_cast<int>(i)));
    RETURN_IF_ERROR(store->append({write}, bench_context()));
    done += n;
  }
  return core::ok_status();
}

// The size of the first event's envelope: what decoding and hashing work on, per event.
size_t first_envelope_bytes(const events::EventStore& store) {
  size_t bytes = 0;
  auto status = store.scan(1, 1, [&](const events::EventView& view) {
    bytes = view.envelope_bytes().size();
    return false;
  });
  return status.ok() ? bytes : 0;
}

core::Result<uint64_t> scan_decoding(const events::EventStore& store) {
  uint64_t count = 0;
  std::optional<core::Error> error;
  RETURN_IF_ERROR(store.scan(1, UINT64_MAX, [&](const events::EventView& view) {
    auto event = view.decode();
    if (!event.ok()) error = event.take_error();
    count += event.ok();
    return event.ok();
  }));
  if (error) return *error;
  return count;
}

core::Result<uint64_t> scan_positions(const events::EventStore& store) {
  uint64_t count = 0, sum = 0;  // The sum keeps the reads from being optimised away.
  RETURN_IF_ERROR(store.scan(1, UINT64_MAX, [&](const events::EventView& view) {
    sum += view.position();
    ++count;
    return true;
  }));
  MANDATE_CHECK(sum == count * (count + 1) / 2, "positions are 1..count");
  return count;
}

core::Result<uint64_t> verify_all(const events::EventStore& store) {
  const events::VerifyReport report = store.verify();
  if (!report.ok) return core::make_error(core::ErrorCode::kCorrupt, report.problem);
  return report.checked;
}

core::Status bench_replay(const Flags& flags, const TempDir& dir) {
  const std::string path = dir.fresh("replay");
  ASSIGN_OR_RETURN(Sample fill, timed([&]() -> core::Result<uint64_t> {
                     RETURN_IF_ERROR(fill_replay_log(path, flags.replay_events));
                     return flags.replay_events;
                   }));
  ASSIGN_OR_RETURN(auto store, open_store(path));  // Reopened, as the server starts.
  print_row({"replay fill (" + std::to_string(kFillEventsPerDecision) + "-event appends)",
             {fill},
             "once; envelope " + std::to_string(first_envelope_bytes(*store)) + " bytes"});

  using Reader = core::Result<uint64_t> (*)(const events::EventStore&);
  const std::pair<const char*, Reader> readers[] = {{"replay, scan + decode", scan_decoding},
                                                    {"replay, scan positions only", scan_positions},
                                                    {"replay, verify chain", verify_all}};
  for (const auto& [name, read] : readers) {
    Row row{name, {}, ""};
    for (int run = 0; run < flags.runs; ++run) {
      auto sample = timed([&, read = read] { return read(*store); });
      if (!sample.ok() && read == scan_decoding) {
        row.samples.clear();
        row.note = "pending: " + sample.error().message;
        break;
      }
      if (!sample.ok()) return sample.take_error();
      row.samples.push_back(*sample);
    }
    print_row(row);
  }
  return core::ok_status();
}

// ---- Raw RocksDB ----

std::string raw_key(uint64_t i) {
  std::string key(sizeof i, '\0');
  for (size_t b = 0; b < sizeof i; ++b) key[b] = static_cast<char>(i >> (8 * (sizeof i - 1 - b)));
  return key;
}

std::string raw_value() {
  std::mt19937 random(kRawValueSeed);  // Incompressible, as encoded events mostly are not.
  std::string value(kRawValueBytes, '\0');
  for (char& c : value) c = static_cast<char>(random());
  return value;
}

core::Result<std::unique_ptr<rocksdb::DB>> open_raw(const std::string& path) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* db = nullptr;
  auto status = rocksdb::DB::Open(options, path, &db);
  if (!status.ok()) return events::from_rocks(status, "opening " + path);
  return std::unique_ptr<rocksdb::DB>(db);
}

// Puts keys [first, first + count) in batches of `batch_size`, each written with `sync`.
core::Result<uint64_t> raw_puts(rocksdb::DB& db, uint64_t first, uint64_t count,
                                uint64_t batch_size, bool sync) {
  const std::string value = raw_value();
  rocksdb::WriteOptions options;
  options.sync = sync;
  for (uint64_t i = first; i < first + count; i += batch_size) {
    rocksdb::WriteBatch batch;
    for (uint64_t k = i; k < std::min(i + batch_size, first + count); ++k) {
      batch.Put(raw_key(k), value);
    }
    auto status = db.Write(options, &batch);
    if (!status.ok()) return events::from_rocks(status, "writing");
  }
  return count;
}

core::Result<uint64_t> raw_scan(rocksdb::DB& db) {
  uint64_t count = 0, bytes = 0;
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(rocksdb::ReadOptions()));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    bytes += it->key().size() + it->value().size();
    ++count;
  }
  if (!it->status().ok()) return events::from_rocks(it->status(), "scanning");
  MANDATE_CHECK(bytes > 0 || count == 0, "every key was read");
  return count;
}

core::Status bench_raw(const Flags& flags, const TempDir& dir) {
  std::vector<Row> rows = {{"raw put, no sync", {}, "1 put per write"},
                           {"raw put, synced batch of 100", {}, "ops = puts"},
                           {"raw put, synced single", {}, "the fsync floor"},
                           {"raw iterator scan", {}, "after reopen"}};
  for (int run = 0; run < flags.runs; ++run) {
    const std::string path = dir.fresh("raw");
    ASSIGN_OR_RETURN(auto db, open_raw(path));
    uint64_t next = 0;
    auto puts = [&](uint64_t count, uint64_t batch_size, bool sync) {
      return timed([&, first = next] { return raw_puts(*db, first, count, batch_size, sync); });
    };
    ASSIGN_OR_RETURN(Sample unsynced, puts(kRawUnsyncedPuts, 1, false));
    next += kRawUnsyncedPuts;
    ASSIGN_OR_RETURN(Sample batched, puts(kRawSyncedBatches * kRawBatchSize, kRawBatchSize, true));
    next += kRawSyncedBatches * kRawBatchSize;
    ASSIGN_OR_RETURN(Sample single, puts(kRawSingleSyncedPuts, 1, true));
    db.reset();
    ASSIGN_OR_RETURN(db, open_raw(path));
    ASSIGN_OR_RETURN(Sample scan, timed([&] { return raw_scan(*db); }));
    const Sample samples[] = {unsynced, batched, single, scan};
    for (size_t i = 0; i < rows.size(); ++i) rows[i].samples.push_back(samples[i]);
  }
  for (const auto& row : rows) print_row(row);
  return core::ok_status();
}

core::Status run(const Flags& flags) {
  ASSIGN_OR_RETURN(TempDir dir, TempDir::make(flags.dir));
  if (!flags.tsv.empty() && (tsv_out = std::fopen(flags.tsv.c_str(), "w")) == nullptr) {
    return core::make_error(core::ErrorCode::kInternal, "cannot write " + flags.tsv);
  }
  print_machine(dir.path().string());
  std::printf("runs: %d; every rate is the median run, with the slowest and fastest\n\n",
              flags.runs);
  print_header();
  if (flags.append) RETURN_IF_ERROR(bench_appends(flags, dir));
  if (flags.replay) RETURN_IF_ERROR(bench_replay(flags, dir));
  if (flags.raw) RETURN_IF_ERROR(bench_raw(flags, dir));

  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  std::printf("\nload:    %s (1, 5, 15 min) after\n", load_average().c_str());
  std::printf("peak RSS: %.1f MiB\n", usage.ru_maxrss / 1024.0);  // ru_maxrss is in KiB.
  if (tsv_out != nullptr) std::fclose(tsv_out);
  return core::ok_status();
}

}  // namespace
}  // namespace mandate::bench

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::string_view(argv[i]) == "--help") {
      std::fputs(mandate::bench::kUsage, stdout);
      return 0;
    }
  }
  auto flags = mandate::bench::parse_flags(argc, argv);
  if (!flags.ok()) {
    std::fprintf(stderr, "store_bench: %s", flags.error().message.c_str());
    return 2;
  }
  auto status = mandate::bench::run(*flags);
  if (!status.ok()) {
    std::fprintf(stderr, "store_bench: %s\n", status.error().message.c_str());
    return 1;
  }
  return 0;
}
