// The kept view answers (http/view_cache.h): an answer is given back only at the position it was
// made at, before the instant it holds until, and only to callers who see the same things.

#include "http/view_cache.h"

#include <catch2/catch.hpp>

namespace mandate::http {
namespace {

core::Caller caller(std::string user, std::string agency, core::Role role,
                    core::Clearance clearance = core::Clearance::kSecret) {
  return core::Caller{std::move(user), std::move(agency), {role}, clearance};
}

core::Instant at(int64_t seconds) { return core::Instant{seconds * core::kMicrosPerSecond}; }

std::shared_ptr<const std::string> text(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

TEST_CASE("a kept answer's key holds what the views' visibility reads of a caller, and no more",
          "[http][views]") {
  using core::Role;
  const auto coordinator = caller("coord", "cong-an-tinh", Role::kCoordinator);
  // Another person with the same agency, roles and clearance sees the same things.
  CHECK(ViewCache::key("overdue", "q", coordinator) ==
        ViewCache::key("overdue", "q", caller("coord-2", "cong-an-tinh", Role::kCoordinator)));
  CHECK(ViewCache::key("overdue", "q", coordinator) !=
        ViewCache::key(
            "overdue", "q",
            caller("coord", "cong-an-tinh", Role::kCoordinator, core::Clearance::kTopSecret)));
  // An officer is confined to its agency's rows; two agencies' officers never share.
  const auto officer_tp = caller("o1", "so-tu-phap", Role::kOfficer);
  CHECK(ViewCache::key("overdue", "q", officer_tp) !=
        ViewCache::key("overdue", "q", caller("o2", "so-ngoai-vu", Role::kOfficer)));
  CHECK(ViewCache::key("overdue", "q", officer_tp) !=
        ViewCache::key("overdue", "q", caller("c", "so-tu-phap", Role::kCoordinator)));
  // The view and the question are part of it.
  CHECK(ViewCache::key("overdue", "q", coordinator) != ViewCache::key("inbox", "q", coordinator));
  CHECK(ViewCache::key("overdue", "q", coordinator) !=
        ViewCache::key("overdue", "q2", coordinator));
}

TEST_CASE("a kept answer holds at its position and before its instant only", "[http][views]") {
  ViewCache cache;
  cache.put("k", {text("made at 7"), 7, at(100)});
  REQUIRE(cache.find("k", 7, at(99)) != nullptr);
  CHECK(*cache.find("k", 7, at(99)) == "made at 7");
  CHECK(cache.find("k", 8, at(99)) == nullptr);   // The views moved on.
  CHECK(cache.find("k", 7, at(100)) == nullptr);  // A deadline it depends on has passed.
  CHECK(cache.find("other", 7, at(0)) == nullptr);

  cache.put("always", {text("no deadline"), 7, std::nullopt});
  CHECK(cache.find("always", 7, at(1'000'000'000)) != nullptr);

  // Two readers made the same answer: the later position's stays.
  cache.put("k", {text("made at 9"), 9, std::nullopt});
  cache.put("k", {text("made at 8"), 8, std::nullopt});
  REQUIRE(cache.find("k", 9, at(0)) != nullptr);
  CHECK(*cache.find("k", 9, at(0)) == "made at 9");

  const auto counts = cache.counts();
  CHECK(counts.hits == 5);
  CHECK(counts.misses == 3);
}

TEST_CASE("a full cache makes room by dropping answers of older positions first", "[http][views]") {
  ViewCache cache;
  for (size_t i = 0; i < ViewCache::kCapacity; ++i) {
    cache.put("old-" + std::to_string(i), {text("x"), 1, std::nullopt});
  }
  cache.put("new", {text("y"), 2, std::nullopt});
  CHECK(cache.find("new", 2, at(0)) != nullptr);
  CHECK(cache.find("old-0", 1, at(0)) == nullptr);
  CHECK(cache.find("old-1", 1, at(0)) == nullptr);
}

TEST_CASE("a cache full of one position's answers keeps each new one in place of another",
          "[http][views]") {
  ViewCache cache;
  const size_t asked = 3 * ViewCache::kCapacity;
  for (size_t i = 0; i < asked; ++i) {
    cache.put("q-" + std::to_string(i), {text("x"), 5, std::nullopt});
    REQUIRE(cache.find("q-" + std::to_string(i), 5, at(0)) != nullptr);
  }
  size_t kept = 0;
  for (size_t i = 0; i < asked; ++i)
    kept += cache.find("q-" + std::to_string(i), 5, at(0)) != nullptr;
  CHECK(kept == ViewCache::kCapacity);
  // The first answer of a later position sweeps out every older one.
  cache.put("later", {text("y"), 6, std::nullopt});
  kept = 0;
  for (size_t i = 0; i < asked; ++i)
    kept += cache.find("q-" + std::to_string(i), 5, at(0)) != nullptr;
  CHECK(kept == 0);
  CHECK(cache.find("later", 6, at(0)) != nullptr);
}

}  // namespace
}  // namespace mandate::http
