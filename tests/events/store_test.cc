#include "events/store.h"

#include <map>
#include <mutex>
#include <set>
#include <thread>

#include <catch2/catch.hpp>

#include "events/keys.h"
#include "events/raw_access.h"
#include "tests/events/store_fixture.h"

namespace mandate::testing {
namespace {

using core::ErrorCode;

TEST_CASE("an append is read back by stream and by position", "[events][store]") {
  StoreFixture f;
  core::Decision d = one("agency:a", 0, 2);
  d[0].events[1].occurred_at = core::Instant{kStartMicros - 5'000'000};
  auto r = f->append(d, ctx());
  REQUIRE(r.ok());
  CHECK(r->first_position == 1);
  CHECK(r->last_position == 2);
  CHECK(r->stream_versions == std::vector<std::pair<std::string, uint64_t>>{{"agency:a", 2}});
  CHECK_FALSE(r->replayed);

  auto events = f->read_stream("agency:a", 1);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 2);
  const auto& e = (*events)[1];
  CHECK(e.position == 2);
  CHECK(e.version == 2);
  CHECK(e.stream == "agency:a");
  CHECK(e.actor == core::Actor{"admin", ""});
  CHECK(e.correlation_id == "corr-1");
  CHECK(e.causation_id == "cause-1");
  CHECK(e.recorded_at.micros == kStartMicros);
  CHECK(e.occurred_at.micros == kStartMicros - 5'000'000);
  CHECK((*events)[0].occurred_at == (*events)[0].recorded_at);
  CHECK(std::get<core::AgencyRegistered>(e.data).name == "Công an tỉnh agency:a-1");
  CHECK(e.hash.size() == 32);

  auto all = f->read_all(1, 100);
  REQUIRE(all.ok());
  REQUIRE(all->size() == 2);
  CHECK((*all)[0].position == 1);
  CHECK((*all)[1].hash == e.hash);

  auto from_two = f->read_stream("agency:a", 2);
  REQUIRE(from_two.ok());
  REQUIRE(from_two->size() == 1);
  CHECK(from_two->front().version == 2);
  CHECK(f->stream_version("agency:a").value() == 2);
  CHECK(f->stream_version("agency:none").value() == 0);
  CHECK(f->head().position == 2);
}

// Found by fuzz/envelope_fuzz.cc: these were written through c_str() and cut at a zero byte.
TEST_CASE("the envelope keeps its actor, correlation and causation ids whole", "[events][store]") {
  StoreFixture f;
  using namespace std::string_literals;
  const events::AppendContext context{core::Actor{"ad\0min"s, "a\0b"s}, "corr\0-1"s, "\0cause"s};
  REQUIRE(f->append(one("agency:a", 0), context).ok());
  auto events = f->read_stream("agency:a", 1);
  REQUIRE(events.ok());
  REQUIRE(events->size() == 1);
  CHECK(events->front().actor == context.actor);
  CHECK(events->front().correlation_id == context.correlation_id);
  CHECK(events->front().causation_id == context.causation_id);
}

TEST_CASE("a stale expected version appends nothing and says so", "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("task:t", 0), ctx()).ok());
  auto stale = f->append(one("task:t", 0), ctx());
  REQUIRE_FALSE(stale.ok());
  CHECK(stale.error().code == ErrorCode::kVersionConflict);
  CHECK(stale.error().message.find("version 1") != std::string::npos);
  CHECK(f->head().position == 1);
  CHECK(f->append(one("task:t", 1), ctx()).ok());
  CHECK(f->append(one("task:t", events::kAnyVersion), ctx()).ok());
  CHECK(f->stream_version("task:t").value() == 3);
}

TEST_CASE("an append over several streams is all or nothing", "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("task:b", 0), ctx()).ok());
  core::Decision d = one("plan:p", 0);
  d.push_back(one("task:a", 0)[0]);
  d.push_back(one("task:b", 0)[0]);  // Stale: task:b is at version 1.
  auto r = f->append(d, ctx());
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::kVersionConflict);
  CHECK(f->head().position == 1);
  CHECK(f->stream_version("plan:p").value() == 0);
  CHECK(f->stream_version("task:a").value() == 0);

  d[2].expected_version = 1;
  auto ok = f->append(d, ctx());
  REQUIRE(ok.ok());
  CHECK(ok->first_position == 2);
  CHECK(ok->last_position == 4);
  CHECK(ok->stream_versions.size() == 3);
  CHECK(f->stream_version("task:b").value() == 2);
}

TEST_CASE("empty and self-contradicting appends are refused", "[events][store]") {
  StoreFixture f;
  auto empty = f->append(core::Decision{}, ctx());
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().code == ErrorCode::kValidationFailed);
  core::Decision twice = one("task:a", 0);
  twice.push_back(one("task:a", 0)[0]);
  auto dup = f->append(twice, ctx());
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.error().code == ErrorCode::kValidationFailed);
  CHECK(f->head().position == 0);
}

TEST_CASE("a stream name with a zero byte is refused, never read as another stream's keys",
          "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0, 2), ctx()).ok());
  const std::string nul_name("agency:a\0", 9);
  // Its prefix "agency:a\0\0" is also the start of every key of "agency:a".
  auto read = f->read_stream(nul_name, 1);
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().code == ErrorCode::kValidationFailed);
  auto version = f->stream_version(nul_name);
  REQUIRE_FALSE(version.ok());
  CHECK(version.error().code == ErrorCode::kValidationFailed);
  auto appended = f->append(one(nul_name, 0), ctx());
  REQUIRE_FALSE(appended.ok());
  CHECK(appended.error().code == ErrorCode::kValidationFailed);
  CHECK(f->head().position == 2);
  CHECK(f->stream_version("agency:a").value_or(0) == 2);
}

TEST_CASE("an idempotency key returns the first result and appends nothing", "[events][store]") {
  StoreFixture f;
  events::IdempotencyKey key{"admin/k1", "POST /v1/agencies {a}"};
  auto first = f->append(one("agency:a", 0), ctx(), key);
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);
  // The same request again: even with a now-stale expected version it is the first answer.
  auto again = f->append(one("agency:a", 0), ctx(), key);
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->first_position == first->first_position);
  CHECK(again->stream_versions == first->stream_versions);
  CHECK(f->head().position == 1);

  auto other = f->append(one("agency:b", 0), ctx(), events::IdempotencyKey{"admin/k1", "other"});
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().code == ErrorCode::kIdempotencyKeyReused);
  CHECK(f->head().position == 1);

  f.reopen();
  auto after_restart = f->append(one("agency:a", 0), ctx(), key);
  REQUIRE(after_restart.ok());
  CHECK(after_restart->replayed);
  CHECK(f->head().position == 1);
}

TEST_CASE("concurrent writers get one winner per version and gapless positions",
          "[events][store][concurrency]") {
  StoreFixture f;
  constexpr int kThreads = 8;
  constexpr int kAppendsEach = 60;
  std::mutex mu;
  std::map<uint64_t, int> winners_by_version;  // version of "task:shared" -> winning thread
  std::atomic<int> conflicts{0};
  // What the threads saw, checked after the join: Catch2 assertions are not thread-safe.
  std::atomic<int> wrong_versions{0}, twice_won{0}, other_errors{0}, failed_own{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppendsEach; ++i) {
        // Contend on one stream, and write a private one, in separate appends.
        const uint64_t seen = f->stream_version("task:shared").value();
        auto r = f->append(one("task:shared", seen), ctx());
        if (r.ok()) {
          std::lock_guard lock(mu);
          const uint64_t version = r->stream_versions[0].second;
          if (version != seen + 1) ++wrong_versions;
          if (!winners_by_version.emplace(version, t).second) ++twice_won;
        } else if (r.error().code == ErrorCode::kVersionConflict) {
          ++conflicts;
        } else {
          ++other_errors;
        }
        if (!f->append(one("task:own-" + std::to_string(t), events::kAnyVersion), ctx()).ok()) {
          ++failed_own;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  CHECK(wrong_versions == 0);
  CHECK(twice_won == 0);
  CHECK(other_errors == 0);
  CHECK(failed_own == 0);

  const uint64_t shared_version = f->stream_version("task:shared").value();
  CHECK(winners_by_version.size() == shared_version);
  CHECK(static_cast<int>(shared_version) + conflicts.load() == kThreads * kAppendsEach);

  auto all = f->read_all(1, SIZE_MAX);
  REQUIRE(all.ok());
  CHECK(all->size() == shared_version + kThreads * kAppendsEach);
  std::map<std::string, uint64_t> last_version;
  for (size_t i = 0; i < all->size(); ++i) {
    const auto& e = (*all)[i];
    CHECK(e.position == i + 1);
    CHECK(e.version == last_version[e.stream] + 1);
    last_version[e.stream] = e.version;
  }
  CHECK(f->verify().ok);
}

TEST_CASE("recorded_at never goes backwards, and an instant maps to a position",
          "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0), ctx()).ok());
  f.advance_clock(10'000'000);
  REQUIRE(f->append(one("agency:b", 0), ctx()).ok());
  f.advance_clock(-20'000'000);  // The server clock steps back.
  REQUIRE(f->append(one("agency:c", 0), ctx()).ok());
  auto all = f->read_all(1, 10).value();
  CHECK(all[2].recorded_at == all[1].recorded_at);
  CHECK(f->position_at(core::Instant{kStartMicros - 1}).value() == 0);
  CHECK(f->position_at(core::Instant{kStartMicros}).value() == 1);
  CHECK(f->position_at(core::Instant{kStartMicros + 9'999'999}).value() == 1);
  CHECK(f->position_at(core::Instant{kStartMicros + 10'000'000}).value() == 3);
}

TEST_CASE("the store reopens with its head, chain and stream versions", "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0, 3), ctx()).ok());
  const auto head = f->head();
  f.reopen();
  CHECK(f->head().position == head.position);
  CHECK(f->head().hash == head.hash);
  CHECK(f->verify().ok);
  auto stale = f->append(one("agency:a", 2), ctx());
  REQUIRE_FALSE(stale.ok());
  auto r = f->append(one("agency:a", 3), ctx());
  REQUIRE(r.ok());
  CHECK(r->first_position == 4);
  CHECK(f->verify().checked == 4);
}

TEST_CASE("a data directory from a newer schema version is refused", "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0), ctx()).ok());
  std::string v;
  events::put_u64_be(v, events::kSchemaVersion + 1);
  REQUIRE(events::RawAccess::put(f.store(), "meta", events::kMetaSchemaVersion, v).ok());
  f.close();
  auto refused = f.try_open();
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().code == ErrorCode::kCorrupt);
  CHECK(refused.error().message.find("schema version 2") != std::string::npos);
}

TEST_CASE("a checkpoint taken while appending holds a verifiable prefix", "[events][store]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0, 5), ctx()).ok());
  std::atomic<bool> stop{false};
  std::atomic<int> failed_appends{0};  // Checked after the join, not in the thread.
  std::thread writer([&] {
    while (!stop) {
      if (!f->append(one("agency:busy", events::kAnyVersion), ctx()).ok()) ++failed_appends;
    }
  });
  const std::string copy = f.dir().sub("checkpoint");
  auto st = f->checkpoint(copy);
  stop = true;
  writer.join();
  CHECK(failed_appends == 0);
  REQUIRE(st.ok());

  events::StoreOptions options;
  options.path = copy;
  options.clock = [] { return core::Instant{kStartMicros}; };
  auto restored = events::EventStore::open(options);
  REQUIRE(restored.ok());
  CHECK((*restored)->head().position >= 5);
  CHECK((*restored)->head().position <= f->head().position);
  auto report = (*restored)->verify();
  CHECK(report.ok);
  CHECK(report.checked == (*restored)->head().position);
}

}  // namespace
}  // namespace mandate::testing

namespace mandate::testing {
namespace {

// Field by field: RecordedEvent has no operator== of its own.
bool same_event(const core::RecordedEvent& a, const core::RecordedEvent& b) {
  return a.position == b.position && a.stream == b.stream && a.version == b.version &&
         a.recorded_at.micros == b.recorded_at.micros &&
         a.occurred_at.micros == b.occurred_at.micros && a.actor == b.actor &&
         a.correlation_id == b.correlation_id && a.causation_id == b.causation_id &&
         a.data == b.data && a.hash == b.hash;
}

TEST_CASE("the commit observer sees every batch, in order, as a reader decodes it",
          "[events][store]") {
  StoreFixture f;
  std::mutex mu;
  std::vector<core::RecordedEvent> seen;  // Guarded by mu.
  f->set_commit_observer([&](const events::CommittedEvents& batch) {
    std::lock_guard lock(mu);
    for (const auto* event : batch) seen.push_back(*event);
  });
  constexpr int kWriters = 4, kEach = 25;
  std::atomic<int> failed{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w) {
    writers.emplace_back([&, w] {
      for (int i = 0; i < kEach; ++i) {
        core::StreamWrite write{"task:t" + std::to_string(w), events::kAnyVersion, {}};
        write.events.push_back(core::NewEvent{
            core::TaskProgressReported{"so-tu-phap", "tiến độ " + std::to_string(i), 10u},
            core::Instant{kStartMicros - 1'000'000 * i}});
        write.events.push_back(agency_event("a" + std::to_string(w) + "-" + std::to_string(i)));
        const events::AppendContext context{core::Actor{"u" + std::to_string(w), "cong-an-tinh"},
                                            "corr-" + std::to_string(i), "cause"};
        if (!f->append({write}, context).ok()) ++failed;
      }
    });
  }
  for (auto& writer : writers) writer.join();
  f->set_commit_observer(nullptr);
  CHECK(failed == 0);

  auto all = f->read_all(1, SIZE_MAX);
  REQUIRE(all.ok());
  REQUIRE(all->size() == kWriters * kEach * 2);
  std::lock_guard lock(mu);
  REQUIRE(seen.size() == all->size());
  for (size_t i = 0; i < seen.size(); ++i) {
    INFO("position " << (i + 1));
    CHECK(same_event(seen[i], (*all)[i]));
  }
}

TEST_CASE("a removed commit observer is told nothing more", "[events][store]") {
  StoreFixture f;
  int batches = 0;
  f->set_commit_observer([&](const events::CommittedEvents&) { ++batches; });
  REQUIRE(f->append(one("agency:a", 0), ctx()).ok());
  f->set_commit_observer(nullptr);
  REQUIRE(f->append(one("agency:b", 0), ctx()).ok());
  CHECK(batches == 1);
}

}  // namespace
}  // namespace mandate::testing
