// pg_peer_bench: store_bench's figures from PostgreSQL, held the way PostgreSQL-based event
// stores hold events, so that bench/run can put the two side by side.
//
//   pg_peer_bench --conninfo STR [--runs N] [--appends N] [--events N] [--clients N]
//                 [--queries N] [--tsv FILE]
//
// The schema (created afresh, dropping any previous one):
//
//   events(position bigserial primary key, stream, version, type, payload bytea, recorded_at,
//          unique(stream, version))
//   phase_status(plan, phase, agency, state, count; primary key(plan, phase, agency, state))
//
// An append is one call of append_event(), a PL/pgSQL function and so one transaction: it
// reads the stream's version, refuses the append unless it is the expected one, inserts the
// event and upserts the phase_status row the event counts in. One round trip per append is the
// kindest form for the peer; BEGIN, SELECT, INSERT, upsert and COMMIT from the client would be
// the same transaction at four more round trips. The unique constraint catches two appends
// racing past the version check.
//
// What is measured, each --runs times:
//
//   append        Durable appends with 1, 8 and 64 writer threads, each with its own
//                 connection and its own stream, from empty tables. The payload is a
//                 TaskProgressReported with store_bench's Vietnamese note, encoded with the
//                 project's codec. synchronous_commit must be on: the run stops otherwise.
//   replay        Every event of a --events table, in position order, through a server-side
//                 cursor fetching 10,000 rows at a time in binary, each payload decoded to
//                 core values as store_bench's "scan + decode" does.
//   phase_status  --clients threads, each with its own connection, share --queries executions
//                 of the prepared GROUP BY query for one plan: queries/s, and p50 and p99 of
//                 each query's latency as the client sees it.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <variant>
#include <vector>

#include <capnp/message.h>
#include <capnp/serialize.h>
#include <libpq-fe.h>

#include "core/event.h"
#include "events/payload_codec.h"

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWriterCounts[] = {1, 8, 64};
// One writer waits for one WAL flush per append: store_bench caps it the same way.
constexpr uint64_t kSingleWriterAppends = 20'000;
constexpr int kFetchRows = 10'000;
// The replay table's events are spread over streams of this many, as store_bench's fill does.
constexpr int kEventsPerReplayStream = 1'000;

// phase_status's size: plans × phases × agencies × states rows; a query reads one plan's.
constexpr int kPlans = 100, kPhases = 3, kAgencies = 25;
constexpr const char* kStates[] = {"assigned",  "acknowledged", "in_progress",
                                   "submitted", "approved",     "returned"};

// 103 bytes of UTF-8, the note store_bench appends.
constexpr const char* kProgressNote =
    "Đã rà soát danh mục tài liệu mật, gửi báo cáo tiến độ quý I cho Bộ Ngoại giao.";
constexpr uint32_t kProgressPercent = 40;

constexpr const char* kSchema = R"sql(
DROP FUNCTION IF EXISTS append_event;
DROP TABLE IF EXISTS events, phase_status;
CREATE TABLE events (
  position bigserial PRIMARY KEY,
  stream text NOT NULL,
  version int NOT NULL,
  type text NOT NULL,
  payload bytea NOT NULL,
  recorded_at timestamptz NOT NULL,
  UNIQUE (stream, version)
);
CREATE TABLE phase_status (
  plan text NOT NULL,
  phase int NOT NULL,
  agency text NOT NULL,
  state text NOT NULL,
  count bigint NOT NULL,
  PRIMARY KEY (plan, phase, agency, state)
);
CREATE FUNCTION append_event(p_stream text, p_expected int, p_type text, p_payload bytea,
                             p_plan text, p_phase int, p_agency text, p_state text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
  current int;
  appended bigint;
BEGIN
  SELECT coalesce(max(version), 0) INTO current FROM events WHERE stream = p_stream;
  IF current <> p_expected THEN
    RAISE EXCEPTION 'stream % is at version %, not %', p_stream, current, p_expected;
  END IF;
  INSERT INTO events (stream, version, type, payload, recorded_at)
    VALUES (p_stream, p_expected + 1, p_type, p_payload, now())
    RETURNING position INTO appended;
  INSERT INTO phase_status AS s (plan, phase, agency, state, count)
    VALUES (p_plan, p_phase, p_agency, p_state, 1)
    ON CONFLICT (plan, phase, agency, state) DO UPDATE SET count = s.count + 1;
  RETURN appended;
END $$;
)sql";

constexpr const char* kPhaseStatusQuery =
    "SELECT phase, agency, sum(count) FILTER (WHERE state = 'approved') AS done, "
    "sum(count) AS total FROM phase_status WHERE plan = $1 GROUP BY phase, agency";

// ---- Flags ----

struct Flags {
  std::string conninfo;
  int runs = 3;
  uint64_t appends = 200'000;
  uint64_t events = 1'000'000;
  int clients = 64;
  uint64_t queries = 20'000;
  std::string tsv;
};

constexpr const char* kUsage =
    "usage: pg_peer_bench --conninfo STR [--runs N] [--appends N] [--events N] [--clients N]\n"
    "                     [--queries N] [--tsv FILE]\n"
    "Durable appends, replay and the phase-status query on PostgreSQL; see bench/README.md.\n";

std::optional<Flags> parse_flags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (i + 1 >= argc) return std::nullopt;
    const std::string value = argv[++i];
    char* end = nullptr;
    const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
    const bool number = !value.empty() && *end == '\0' && n > 0;
    if (name == "--conninfo") {
      flags.conninfo = value;
    } else if (name == "--tsv") {
      flags.tsv = value;
    } else if (!number) {
      return std::nullopt;
    } else if (name == "--runs") {
      flags.runs = static_cast<int>(n);
    } else if (name == "--appends") {
      flags.appends = n;
    } else if (name == "--events") {
      flags.events = n;
    } else if (name == "--clients") {
      flags.clients = static_cast<int>(n);
    } else if (name == "--queries") {
      flags.queries = n;
    } else {
      return std::nullopt;
    }
  }
  if (flags.conninfo.empty()) return std::nullopt;
  return flags;
}

// ---- libpq, owned ----

struct Result {
  PGresult* r;
  explicit Result(PGresult* result) : r(result) {}
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() { PQclear(r); }
};

class Connection {
 public:
  explicit Connection(const std::string& conninfo) : c_(PQconnectdb(conninfo.c_str())) {
    if (PQstatus(c_) != CONNECTION_OK) {
      const std::string message = PQerrorMessage(c_);
      PQfinish(c_);
      throw std::runtime_error("connecting: " + message);
    }
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() { PQfinish(c_); }

  // Runs `sql` (one or more statements, no parameters) and fails on any error.
  void exec(const char* sql) { check(PQexec(c_, sql), sql); }

  std::string value(const char* sql) {
    Result result(check(PQexec(c_, sql), sql));
    return PQntuples(result.r) > 0 ? PQgetvalue(result.r, 0, 0) : "";
  }

  void prepare(const char* name, const char* sql) {
    check(PQprepare(c_, name, sql, 0, nullptr), sql);
  }

  PGresult* exec_prepared(const char* name, int count, const char* const* values,
                          const int* lengths, const int* formats, int result_format) {
    return check(PQexecPrepared(c_, name, count, values, lengths, formats, result_format), name);
  }

  PGresult* exec_binary(const char* sql) {
    return check(PQexecParams(c_, sql, 0, nullptr, nullptr, nullptr, nullptr, 1), sql);
  }

 private:
  // Returns the result when it is a success; clears it and throws otherwise.
  PGresult* check(PGresult* result, const char* what) {
    const ExecStatusType status = PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    const std::string message =
        result != nullptr ? PQresultErrorMessage(result) : PQerrorMessage(c_);
    PQclear(result);
    throw std::runtime_error(std::string(what).substr(0, 60) + ": " + message);
  }

  PGconn* c_;
};

// ---- Figures ----

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// One figure per run; the row shows the median and the range.
struct Row {
  std::string key, label, unit;
  std::vector<double> values;
  std::string note;
};

void print_row(const Row& row, std::FILE* tsv) {
  std::vector<double> v = row.values;
  std::sort(v.begin(), v.end());
  const double median = v[v.size() / 2];  // Of an even count, the larger middle.
  const int decimals = row.unit == "ms" ? 2 : 0;
  std::printf("%-34s %12.*f %12.*f %12.*f  %-10s %s\n", row.label.c_str(), decimals, median,
              decimals, v.front(), decimals, v.back(), row.unit.c_str(), row.note.c_str());
  std::fflush(stdout);
  if (tsv != nullptr) {
    std::fprintf(tsv, "%s\t%.4f\t%.4f\t%.4f\t%s\n", row.key.c_str(), median, v.front(), v.back(),
                 row.unit.c_str());
    std::fflush(tsv);
  }
}

double percentile(std::vector<double>& sorted, double p) {
  return sorted[static_cast<size_t>(p * static_cast<double>(sorted.size() - 1))];
}

// Threads each hold their first exception here; the run rethrows the first one.
class FirstError {
 public:
  void set(std::exception_ptr error) {
    std::lock_guard lock(mu_);
    if (!error_) error_ = error;
    failed_ = true;
  }
  bool failed() const { return failed_.load(std::memory_order_relaxed); }
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mu_;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
};

// `threads` threads each connect and get ready, then run `work` together; returns the wall
// seconds from the start signal until the last one is done. Connecting is not timed.
template <typename Ready, typename Work>
double run_together(const Flags& flags, int threads, Ready ready_fn, Work work) {
  FirstError error;
  std::latch ready(threads), go(1);
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      std::unique_ptr<Connection> connection;
      try {
        connection = std::make_unique<Connection>(flags.conninfo);
        ready_fn(*connection);
      } catch (...) {
        error.set(std::current_exception());
      }
      ready.count_down();
      go.wait();
      if (error.failed()) return;
      try {
        work(*connection, t, error);
      } catch (...) {
        error.set(std::current_exception());
      }
    });
  }
  ready.wait();
  const auto start = Clock::now();
  go.count_down();
  for (auto& thread : pool) thread.join();
  const double seconds = seconds_since(start);
  error.rethrow();
  return seconds;
}

// ---- The payload ----

std::string encoded_progress(const std::string& agency) {
  capnp::MallocMessageBuilder message;
  mandate::events::encode_payload(mandate::core::EventData{mandate::core::TaskProgressReported{
                                      agency, kProgressNote, kProgressPercent}},
                                  message.initRoot<mandate::events::schema::Body>());
  const auto words = capnp::messageToFlatArray(message);
  const auto bytes = words.asBytes();
  return std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size());
}

// Decodes a payload to core values, as the store's decode() does; false if it does not decode.
bool decode_progress(const char* data, int length, std::vector<capnp::word>& buffer) {
  buffer.resize(static_cast<size_t>(length) / sizeof(capnp::word));
  std::memcpy(buffer.data(), data, buffer.size() * sizeof(capnp::word));  // Word-aligned copy.
  capnp::FlatArrayMessageReader reader(
      kj::ArrayPtr<const capnp::word>(buffer.data(), buffer.size()));
  const auto event =
      mandate::events::decode_payload(reader.getRoot<mandate::events::schema::Body>());
  return event.ok() && std::holds_alternative<mandate::core::TaskProgressReported>(*event);
}

// ---- Appends ----

Row bench_appends(const Flags& flags, Connection& admin, int writers) {
  const uint64_t total =
      writers == 1 ? std::min(flags.appends, kSingleWriterAppends) : flags.appends;
  const uint64_t per_writer = std::max<uint64_t>(total / writers, 1);
  Row row{"append_" + std::to_string(writers),
          "durable append, " + std::to_string(writers) + (writers == 1 ? " writer" : " writers"),
          "appends/s",
          {},
          ""};
  for (int run = 0; run < flags.runs; ++run) {
    admin.exec("TRUNCATE events, phase_status RESTART IDENTITY");
    const double seconds = run_together(
        flags, writers,
        [](Connection& c) {
          c.prepare("append", "SELECT append_event($1, $2, $3, $4, $5, $6, $7, $8)");
        },
        [&](Connection& c, int writer, const FirstError& error) {
          const std::string stream = "task-bench-" + std::to_string(writer);
          const std::string agency = "agency-" + std::to_string(writer);
          const std::string payload = encoded_progress(agency);
          const std::string phase = std::to_string(writer % kPhases + 1);
          for (uint64_t version = 0; version < per_writer && !error.failed(); ++version) {
            const std::string expected = std::to_string(version);
            const char* values[] = {stream.c_str(), expected.c_str(), "TaskProgressReported",
                                    payload.data(), "plan-bench",     phase.c_str(),
                                    agency.c_str(), "in_progress"};
            const int lengths[] = {0, 0, 0, static_cast<int>(payload.size()), 0, 0, 0, 0};
            const int formats[] = {0, 0, 0, 1, 0, 0, 0, 0};  // The payload goes as bytes.
            Result appended(c.exec_prepared("append", 8, values, lengths, formats, 0));
          }
        });
    const uint64_t stored = std::stoull(admin.value("SELECT count(*) FROM events"));
    if (stored != per_writer * writers) throw std::runtime_error("an append went missing");
    row.values.push_back(static_cast<double>(stored) / seconds);
  }
  row.note = std::to_string(per_writer * writers) + " per run";
  return row;
}

// ---- Replay ----

// Fills events with `count` events in one INSERT ... SELECT, generated by the server, then
// vacuums so that the replay reads settled pages as a store long in service has.
void fill_replay_table(Connection& admin, uint64_t count) {
  admin.exec("TRUNCATE events, phase_status RESTART IDENTITY");
  const std::string payload = encoded_progress("agency-1");
  const std::string n = std::to_string(count);
  const std::string per_stream = std::to_string(kEventsPerReplayStream);
  const char* values[] = {payload.data(), n.c_str(), per_stream.c_str()};
  const int lengths[] = {static_cast<int>(payload.size()), 0, 0};
  const int formats[] = {1, 0, 0};
  admin.prepare("fill",
                "INSERT INTO events (stream, version, type, payload, recorded_at) "
                "SELECT 'task-replay-' || (g / $3::int), g % $3::int + 1, "
                "'TaskProgressReported', $1::bytea, now() "
                "FROM generate_series(0, $2::bigint - 1) AS g ORDER BY g");
  Result filled(admin.exec_prepared("fill", 3, values, lengths, formats, 0));
  admin.exec("VACUUM (ANALYZE) events");
}

int64_t big_endian(const char* data, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = v << 8 | static_cast<unsigned char>(data[i]);
  return static_cast<int64_t>(v);
}

// Reads every event in position order; returns how many, checking order and payloads.
uint64_t replay_once(Connection& c) {
  c.exec("BEGIN READ ONLY");
  c.exec(
      "DECLARE replay NO SCROLL CURSOR FOR SELECT position, stream, version, type, payload, "
      "recorded_at FROM events ORDER BY position");
  uint64_t count = 0, text_bytes = 0;
  int64_t last = 0;
  std::vector<capnp::word> buffer;
  for (;;) {
    Result batch(
        c.exec_binary(("FETCH FORWARD " + std::to_string(kFetchRows) + " FROM replay").c_str()));
    const int rows = PQntuples(batch.r);
    if (rows == 0) break;
    for (int i = 0; i < rows; ++i) {
      const int64_t position = big_endian(PQgetvalue(batch.r, i, 0), 8);
      if (position <= last) throw std::runtime_error("replay out of position order");
      last = position;
      text_bytes += PQgetlength(batch.r, i, 1) + PQgetlength(batch.r, i, 3);
      text_bytes += static_cast<uint64_t>(big_endian(PQgetvalue(batch.r, i, 2), 4) > 0);
      text_bytes += static_cast<uint64_t>(big_endian(PQgetvalue(batch.r, i, 5), 8) != 0);
      if (!decode_progress(PQgetvalue(batch.r, i, 4), PQgetlength(batch.r, i, 4), buffer)) {
        throw std::runtime_error("a payload did not decode");
      }
    }
    count += static_cast<uint64_t>(rows);
  }
  c.exec("CLOSE replay");
  c.exec("COMMIT");
  if (text_bytes == 0 && count > 0) throw std::runtime_error("empty rows");
  return count;
}

Row bench_replay(const Flags& flags, Connection& admin) {
  const auto start = Clock::now();
  fill_replay_table(admin, flags.events);
  std::printf("%-34s %12.1f s once, by INSERT ... SELECT generate_series, then VACUUM\n",
              "replay fill", seconds_since(start));
  Row row{"replay", "replay, cursor + decode", "events/s", {}, ""};
  for (int run = 0; run < flags.runs; ++run) {
    const auto begin = Clock::now();
    const uint64_t count = replay_once(admin);
    const double seconds = seconds_since(begin);
    if (count != flags.events) throw std::runtime_error("replay read a different count");
    row.values.push_back(static_cast<double>(count) / seconds);
  }
  row.note = std::to_string(flags.events) + " events, " +
             admin.value("SELECT pg_size_pretty(pg_total_relation_size('events'))");
  return row;
}

// ---- The phase-status query ----

void fill_phase_status(Connection& admin) {
  std::string states;  // A text[] literal: {assigned,acknowledged,...}
  for (const char* state : kStates) states += std::string(states.empty() ? "{" : ",") + state;
  states += "}";
  const std::string plans = std::to_string(kPlans), phases = std::to_string(kPhases),
                    agencies = std::to_string(kAgencies);
  const char* values[] = {plans.c_str(), phases.c_str(), agencies.c_str(), states.c_str()};
  admin.exec("TRUNCATE phase_status");
  admin.prepare("fill_phase_status",
                "INSERT INTO phase_status (plan, phase, agency, state, count) "
                "SELECT 'plan-' || p, ph, 'agency-' || a, s, (p * 7 + ph * 5 + a * 3) % 11 "
                "FROM generate_series(1, $1::int) AS p, generate_series(1, $2::int) AS ph, "
                "generate_series(1, $3::int) AS a, unnest($4::text[]) AS s");
  Result filled(admin.exec_prepared("fill_phase_status", 4, values, nullptr, nullptr, 0));
  admin.exec("VACUUM (ANALYZE) phase_status");
}

std::vector<Row> bench_phase_status(const Flags& flags, Connection& admin) {
  fill_phase_status(admin);
  Row qps{"phase_status_qps", "phase-status query", "queries/s", {}, ""};
  Row p50{"phase_status_p50_ms", "phase-status query p50", "ms", {}, ""};
  Row p99{"phase_status_p99_ms", "phase-status query p99", "ms", {}, ""};
  const uint64_t per_client = std::max<uint64_t>(flags.queries / flags.clients, 1);
  for (int run = 0; run < flags.runs; ++run) {
    std::vector<std::vector<double>> latencies(static_cast<size_t>(flags.clients));
    const double seconds = run_together(
        flags, flags.clients, [](Connection& c) { c.prepare("phase_status", kPhaseStatusQuery); },
        [&](Connection& c, int client, const FirstError& error) {
          auto& mine = latencies[static_cast<size_t>(client)];
          mine.reserve(per_client);
          for (uint64_t q = 0; q < per_client && !error.failed(); ++q) {
            const std::string plan = "plan-" + std::to_string((client + q) % kPlans + 1);
            const char* values[] = {plan.c_str()};
            const auto start = Clock::now();
            Result result(c.exec_prepared("phase_status", 1, values, nullptr, nullptr, 0));
            mine.push_back(seconds_since(start) * 1000);
            if (PQntuples(result.r) != kPhases * kAgencies) {
              throw std::runtime_error("the phase-status query returned a wrong row count");
            }
          }
        });
    std::vector<double> all;
    for (const auto& mine : latencies) all.insert(all.end(), mine.begin(), mine.end());
    std::sort(all.begin(), all.end());
    qps.values.push_back(static_cast<double>(all.size()) / seconds);
    p50.values.push_back(percentile(all, 0.5));
    p99.values.push_back(percentile(all, 0.99));
  }
  qps.note = std::to_string(flags.clients) + " clients, " +
             std::to_string(per_client * flags.clients) + " queries per run";
  p50.note = p99.note = std::to_string(kPhases * kAgencies) + " groups of " +
                        std::to_string(std::size(kStates)) + " rows each";
  return {qps, p50, p99};
}

// ---- The run ----

void run(const Flags& flags) {
  std::FILE* tsv = nullptr;
  if (!flags.tsv.empty() && (tsv = std::fopen(flags.tsv.c_str(), "w")) == nullptr) {
    throw std::runtime_error("cannot write " + flags.tsv);
  }
  Connection admin(flags.conninfo);
  // The durability this comparison is about: each commit waits for its WAL to be flushed.
  const std::string synchronous_commit = admin.value("SHOW synchronous_commit");
  const std::string fsync = admin.value("SHOW fsync");
  if (synchronous_commit != "on" || fsync != "on") {
    throw std::runtime_error("synchronous_commit is " + synchronous_commit + " and fsync " + fsync +
                             ": both must be on");
  }
  std::printf("PostgreSQL %s; synchronous_commit %s, fsync %s, wal_sync_method %s\n",
              admin.value("SHOW server_version").c_str(), synchronous_commit.c_str(), fsync.c_str(),
              admin.value("SHOW wal_sync_method").c_str());
  std::printf("payload: TaskProgressReported, %zu bytes encoded\n",
              encoded_progress("agency-1").size());
  std::printf("runs: %d; every figure is the median run, with the lowest and highest\n\n",
              flags.runs);
  std::printf("%-34s %12s %12s %12s  %-10s %s\n", "measurement", "median", "min", "max", "unit",
              "note");

  admin.exec("SET client_min_messages = warning");
  admin.exec(kSchema);
  for (int writers : kWriterCounts) print_row(bench_appends(flags, admin, writers), tsv);
  print_row(bench_replay(flags, admin), tsv);
  for (const Row& row : bench_phase_status(flags, admin)) print_row(row, tsv);
  admin.exec("DROP FUNCTION append_event; DROP TABLE events, phase_status");
  if (tsv != nullptr) std::fclose(tsv);
}

}  // namespace

int main(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv);
  if (!flags) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  try {
    run(*flags);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "pg_peer_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
