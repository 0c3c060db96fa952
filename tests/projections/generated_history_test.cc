// A generated history of over 100,000 events on a real store. The views reached event by event
// while it was written are held against the views rebuilt from position 1, the views a runner
// keeps (snapshotting as it goes, and resuming from its snapshots), and the views `as_of`
// answers at random past positions from the nearest snapshot plus a replay.

#include <map>
#include <random>

#include <catch2/catch.hpp>

#include "projections/replay.h"
#include "projections/runner.h"
#include "projections/snapshot_store.h"
#include "projections/views.h"
#include "tests/support/history_generator.h"
#include "tests/support/temp_dir.h"

namespace mandate::projections {
namespace {

constexpr uint64_t kEvents = 100'000;
constexpr uint32_t kSeed = 20261123;
constexpr std::chrono::minutes kPatience{5};

// Each projection's bytes, by name.
using Image = std::map<std::string, std::string>;

Image image_of(const Views& views) {
  Image image;
  for (const auto* projection : const_cast<Views&>(views).all()) {
    snapshot::Writer out;
    projection->save(out);
    image[std::string(projection->name())] = out.take();
  }
  return image;
}

// Names the projections whose bytes differ, so a failure says where to look.
std::vector<std::string> differences(const Image& a, const Image& b) {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : a) {
    auto it = b.find(name);
    if (it == b.end() || it->second != bytes) names.push_back(name);
  }
  return names;
}

std::unique_ptr<events::EventStore> open_store(const testing::TempDir& dir,
                                               std::function<core::Instant()> clock) {
  events::StoreOptions options;
  options.path = dir.sub("log");
  options.clock = std::move(clock);
  options.sync = false;  // Durability is not what this test is about.
  options.extra_column_families = Views::column_families();
  auto store = events::EventStore::open(options);
  REQUIRE(store.ok());
  return std::move(store).value();
}

TEST_CASE("views folded event by event equal views rebuilt, snapshotted and answered as_of",
          "[projections][generated]") {
  testing::TempDir dir;
  auto store = open_store(dir, testing::HistoryGenerator::clock());
  testing::HistoryGenerator generator(*store, kSeed, MANDATE_PLANS_DIR);

  // Positions at which the views are photographed while the history is written: the truth
  // that as_of must later reproduce.
  std::mt19937 rng(kSeed);
  std::vector<uint64_t> marks;
  for (int i = 0; i < 12; ++i) {
    marks.push_back(std::uniform_int_distribution<uint64_t>(1, kEvents - 1)(rng));
  }
  std::map<uint64_t, Image> photographed;  // Keyed by the exact head photographed.
  generator.after_append = [&](uint64_t head) {
    for (uint64_t& mark : marks) {
      if (mark != 0 && head >= mark) {
        photographed.emplace(head, image_of(generator.views()));
        mark = 0;
      }
    }
  };
  const auto generated = generator.run(kEvents);
  REQUIRE(generated.ok());
  const uint64_t head = store->head().position;
  REQUIRE(head >= kEvents);
  const Image incremental = image_of(generator.views());
  REQUIRE_FALSE(photographed.empty());

  // The history exercises every view.
  CHECK(generator.views().tasks.all().size() > 1000);
  CHECK(generator.views().transfers.all().size() > 100);
  CHECK(generator.views().incidents.all().size() > 100);
  CHECK(generator.views().difficulties.all().size() > 100);

  // Rebuilt from position 1.
  {
    Views rebuilt;
    const auto replayed = rebuild_into(*store, head, rebuilt);
    REQUIRE(replayed.ok());
    CHECK(replayed->events == head);
    CHECK(differences(incremental, image_of(rebuilt)).empty());
  }

  // Kept by a runner that snapshots as it goes.
  constexpr uint64_t kEvery = 7'919;
  {
    Views live;
    ProjectionRunner runner(*store, live.all(), RunnerOptions{{kEvery}});
    runner.start();
    CHECK(runner.resumed_from() == 0);
    REQUIRE(runner.wait_applied(head, kPatience));
    runner.stop();
    CHECK(differences(incremental, image_of(live)).empty());
  }

  // as_of at the photographed positions: the nearest snapshot plus a replay gives the views
  // exactly as they were when the log ended there.
  for (const auto& [position, truth] : photographed) {
    Views past;
    const auto replayed = replay_into(*store, position, past);
    REQUIRE(replayed.ok());
    CAPTURE(position, replayed->from_snapshot);
    // Snapshots fall at most one interval plus one runner batch apart.
    CHECK(position - replayed->from_snapshot < kEvery + 1'024);
    CHECK(differences(truth, image_of(past)).empty());
  }

  // More history after the runner stopped: the next runner starts from the snapshot taken at
  // stop() and catches up with what came after.
  REQUIRE(generator.run(head + 5'000).ok());
  const uint64_t later = store->head().position;
  Views resumed;
  ProjectionRunner runner(*store, resumed.all(), RunnerOptions{{kEvery}});
  runner.start();
  CHECK(runner.resumed_from() == head);
  REQUIRE(runner.wait_applied(later, kPatience));
  runner.stop();
  CHECK(differences(image_of(generator.views()), image_of(resumed)).empty());
}

TEST_CASE("a runner keeps only the snapshots its schedule keeps, and as_of still agrees",
          "[projections][generated][snapshot]") {
  testing::TempDir dir;
  auto store = open_store(dir, testing::HistoryGenerator::clock());
  testing::HistoryGenerator generator(*store, kSeed, MANDATE_PLANS_DIR);
  REQUIRE(generator.run(6'000).ok());
  const uint64_t head = store->head().position;
  const SnapshotSchedule schedule{200, 4};
  {
    Views live;
    ProjectionRunner runner(*store, live.all(), RunnerOptions{schedule});
    runner.start();
    REQUIRE(runner.wait_applied(head, kPatience));
    runner.stop();
  }
  const SnapshotStore snapshots(*store);
  Views views;
  for (const auto* projection : views.all()) {
    CAPTURE(projection->name());
    const auto kept = snapshots.positions(*projection);
    REQUIRE(kept.ok());
    // Every 200 events would have left 30; the spacing grew and the older ones were thinned.
    CHECK(kept->size() <= schedule.kept);
    REQUIRE_FALSE(kept->empty());
    CHECK(kept->back() == head);
    CHECK(kept->front() <= 2 * head / schedule.kept);
  }
  // Past positions replay from the snapshots left: the same views as a rebuild to there.
  std::mt19937 rng(kSeed);
  for (int i = 0; i < 4; ++i) {
    const uint64_t at = std::uniform_int_distribution<uint64_t>(1, head)(rng);
    CAPTURE(at);
    Views past, rebuilt;
    const auto replayed = replay_into(*store, at, past);
    REQUIRE(replayed.ok());
    CHECK(at - replayed->from_snapshot <= 2 * head / schedule.kept);
    REQUIRE(rebuild_into(*store, at, rebuilt).ok());
    CHECK(differences(image_of(rebuilt), image_of(past)).empty());
  }
}

}  // namespace
}  // namespace mandate::projections
