// Snapshots on a real store: the newest at or before a position is the one loaded, and one
// that this build cannot read is passed over for an older one, or for none.

#include "projections/snapshot_store.h"

#include <map>

#include <catch2/catch.hpp>

#include "events/keys.h"
#include "events/raw_access.h"
#include "projections/views.h"
#include "tests/support/temp_dir.h"

namespace mandate::projections {
namespace {

std::unique_ptr<events::EventStore> open_store(const testing::TempDir& dir) {
  events::StoreOptions options;
  options.path = dir.sub("log");
  options.clock = [] { return core::Instant{1}; };
  options.extra_column_families = Views::column_families();
  auto store = events::EventStore::open(options);
  REQUIRE(store.ok());
  return std::move(store).value();
}

core::RecordedEvent agency_event(uint64_t position, const std::string& id) {
  core::RecordedEvent e;
  e.position = position;
  e.stream = "agency:" + id;
  e.version = 1;
  e.data = core::AgencyRegistered{id, "Công an " + id, "", "department"};
  return e;
}

std::string bytes_of(const Projection& p) {
  snapshot::Writer out;
  p.save(out);
  return out.take();
}

TEST_CASE("the newest snapshot at or before a position is loaded", "[projections][snapshot]") {
  testing::TempDir dir;
  auto store = open_store(dir);
  const SnapshotStore snapshots(*store);
  DirectoryView view;
  view.apply(agency_event(1, "a"));
  REQUIRE(snapshots.save(view, 10).ok());
  const std::string at10 = bytes_of(view);
  view.apply(agency_event(2, "b"));
  REQUIRE(snapshots.save(view, 20).ok());
  const std::string at20 = bytes_of(view);
  CHECK(snapshots.checkpoint(view).value_or(0) == 20);

  DirectoryView loaded;
  CHECK(snapshots.load(loaded, 15).value_or(99) == 10);
  CHECK(bytes_of(loaded) == at10);
  CHECK(snapshots.load(loaded, 1000).value_or(99) == 20);
  CHECK(bytes_of(loaded) == at20);
  CHECK(snapshots.load(loaded, 9).value_or(99) == 0);
  CHECK(loaded.agencies().empty());
}

TEST_CASE("a damaged or foreign snapshot is passed over", "[projections][snapshot]") {
  testing::TempDir dir;
  auto store = open_store(dir);
  const SnapshotStore snapshots(*store);
  DirectoryView view;
  view.apply(agency_event(1, "a"));
  REQUIRE(snapshots.save(view, 10).ok());
  const std::string at10 = bytes_of(view);
  view.apply(agency_event(2, "b"));
  REQUIRE(snapshots.save(view, 20).ok());

  const std::string family = snapshot_family(view.name());
  std::string key = "s";
  events::put_u64_be(key, 20);
  auto stored = events::RawAccess::get(*store, family, key);
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  std::string value = **stored;

  SECTION("another format") { value[0] = 2; }
  SECTION("the state cut short") { value.resize(value.size() - 3); }
  SECTION("another shape") { value[1] = static_cast<char>(value[1] ^ 0x01); }
  REQUIRE(events::RawAccess::put(*store, family, key, value).ok());

  DirectoryView loaded;
  const auto at = snapshots.load(loaded, 1000);
  REQUIRE(at.ok());
  CHECK(*at == 10);
  CHECK(bytes_of(loaded) == at10);
}

TEST_CASE("thinning removes snapshots and their markers, including those stored unmarked",
          "[projections][snapshot]") {
  testing::TempDir dir;
  auto store = open_store(dir);
  const SnapshotStore snapshots(*store);
  DirectoryView view;
  // Snapshots as a build before markers left them: under "s" only.
  const std::string family = snapshot_family(view.name());
  std::map<uint64_t, std::string> bytes;
  for (const uint64_t at : {10, 20, 30}) {
    view.apply(agency_event(at, "a" + std::to_string(at)));
    std::string key = "s";
    events::put_u64_be(key, at);
    REQUIRE(events::RawAccess::put(*store, family, key, SnapshotStore::encode(view, at)).ok());
    bytes[at] = bytes_of(view);
  }
  view.apply(agency_event(40, "a40"));
  REQUIRE(snapshots.save(view, 40).ok());
  bytes[40] = bytes_of(view);
  CHECK(snapshots.positions(view).value_or(std::vector<uint64_t>{}) ==
        std::vector<uint64_t>{10, 20, 30, 40});

  const auto thinned = snapshots.thin(view, SnapshotSchedule{10, 2});
  REQUIRE(thinned.ok());
  CHECK(*thinned == 2);
  CHECK(snapshots.positions(view).value_or(std::vector<uint64_t>{}) ==
        std::vector<uint64_t>{20, 40});
  DirectoryView loaded;
  CHECK(snapshots.load(loaded, 35).value_or(99) == 20);  // 30 is gone.
  CHECK(bytes_of(loaded) == bytes[20]);
  CHECK(snapshots.load(loaded, 19).value_or(99) == 0);  // 10 too.
  CHECK(snapshots.load(loaded, 40).value_or(99) == 40);
  CHECK(bytes_of(loaded) == bytes[40]);

  REQUIRE(snapshots.discard(view).ok());
  CHECK(snapshots.positions(view).value_or(std::vector<uint64_t>{1}).empty());
  CHECK(snapshots.load(loaded, 40).value_or(99) == 0);
}

TEST_CASE("a store opened without the snapshot families says so", "[projections][snapshot]") {
  testing::TempDir dir;
  events::StoreOptions options;
  options.path = dir.sub("log");
  options.clock = [] { return core::Instant{1}; };
  auto store = events::EventStore::open(options);
  REQUIRE(store.ok());
  DirectoryView view;
  const auto saved = SnapshotStore(**store).save(view, 1);
  REQUIRE_FALSE(saved.ok());
  CHECK(saved.error().code == core::ErrorCode::kInternal);
}

}  // namespace
}  // namespace mandate::projections
