#include "events/backup.h"

#include <filesystem>

#include <catch2/catch.hpp>

#include "events/keys.h"
#include "events/raw_access.h"
#include "tests/events/store_fixture.h"

namespace mandate::testing {
namespace {

TEST_CASE("a backup restores with the same chain head, verified", "[events][backup]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0, 25), ctx()).ok());
  const std::string backup = f.dir().sub("backup");
  REQUIRE(f->checkpoint(backup).ok());
  REQUIRE(f->append(one("agency:a", 25), ctx()).ok());  // After the backup: not in it.

  const std::string target = f.dir().sub("restored");
  auto restored = events::restore(backup, target);
  REQUIRE(restored.ok());
  CHECK(restored->events == 25);
  CHECK(restored->head.position == 25);

  auto again = events::restore(backup, target);
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().code == core::ErrorCode::kConflict);
  CHECK(events::restore(f.dir().sub("nothing"), f.dir().sub("x")).error().code ==
        core::ErrorCode::kNotFound);
}

TEST_CASE("a damaged backup is refused and leaves nothing behind", "[events][backup]") {
  StoreFixture f;
  REQUIRE(f->append(one("agency:a", 0, 10), ctx()).ok());
  auto stored = events::RawAccess::get(f.store(), "events", events::position_key(6));
  REQUIRE(stored.ok());
  REQUIRE(stored->has_value());
  std::string v = **stored;
  v[v.size() - 2] ^= 4;
  REQUIRE(events::RawAccess::put(f.store(), "events", events::position_key(6), v).ok());
  const std::string backup = f.dir().sub("backup");
  REQUIRE(f->checkpoint(backup).ok());

  const std::string target = f.dir().sub("restored");
  auto restored = events::restore(backup, target);
  REQUIRE_FALSE(restored.ok());
  CHECK(restored.error().code == core::ErrorCode::kCorrupt);
  CHECK(restored.error().message.find("position 6") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(target));
}

}  // namespace
}  // namespace mandate::testing
