// Tampering with the log directly in RocksDB is caught by verify(), which names the position.

#include <catch2/catch.hpp>

#include "events/keys.h"
#include "events/raw_access.h"
#include "events/record.h"
#include "events/store.h"
#include "tests/events/store_fixture.h"

namespace mandate::testing {
namespace {

constexpr uint64_t kEvents = 20;

struct TamperFixture : StoreFixture {
  TamperFixture() {
    for (uint64_t i = 0; i < kEvents; ++i) {
      REQUIRE(
          store().append(one("agency:a" + std::to_string(i % 3), events::kAnyVersion), ctx()).ok());
    }
    REQUIRE(store().verify().ok);
  }
  std::string get(uint64_t position) {
    auto v = events::RawAccess::get(store(), "events", events::position_key(position));
    REQUIRE(v.ok());
    REQUIRE(v->has_value());
    return **v;
  }
  void put(uint64_t position, const std::string& value) {
    REQUIRE(events::RawAccess::put(store(), "events", events::position_key(position), value).ok());
  }
};

TEST_CASE("verify names an edited event", "[events][chain]") {
  TamperFixture f;
  std::string v = f.get(7);
  v[v.size() - 3] ^= 0x20;  // One bit of the payload's text.
  f.put(7, v);
  auto report = f.store().verify();
  CHECK_FALSE(report.ok);
  REQUIRE(report.first_bad.has_value());
  CHECK(*report.first_bad == 7);
  CHECK(report.checked == 6);
}

TEST_CASE("verify names an edited hash", "[events][chain]") {
  TamperFixture f;
  std::string v = f.get(12);
  v[events::kRecordHeaderSize] ^= 1;
  f.put(12, v);
  auto report = f.store().verify();
  CHECK_FALSE(report.ok);
  CHECK(report.first_bad.value() == 12);
}

TEST_CASE("verify names a deleted event", "[events][chain]") {
  TamperFixture f;
  REQUIRE(events::RawAccess::erase(f.store(), "events", events::position_key(9)).ok());
  auto report = f.store().verify();
  CHECK_FALSE(report.ok);
  CHECK(report.first_bad.value() == 9);
  CHECK(report.problem.find("missing") != std::string::npos);
}

TEST_CASE("verify names swapped events", "[events][chain]") {
  TamperFixture f;
  const std::string a = f.get(4), b = f.get(5);
  f.put(4, b);
  f.put(5, a);
  auto report = f.store().verify();
  CHECK_FALSE(report.ok);
  CHECK(report.first_bad.value() == 4);
}

TEST_CASE("verify names a record that does not decode", "[events][chain]") {
  TamperFixture f;
  f.put(3, "garbage");
  auto report = f.store().verify();
  CHECK_FALSE(report.ok);
  CHECK(report.first_bad.value() == 3);
  auto read = f.store().read_all(1, 100);
  REQUIRE_FALSE(read.ok());
  CHECK(read.error().code == core::ErrorCode::kCorrupt);
  CHECK(read.error().message.find("position 3") != std::string::npos);
}

TEST_CASE("verify over a range starts from the stored hash before it", "[events][chain]") {
  TamperFixture f;
  auto report = f.store().verify(10, 15);
  CHECK(report.ok);
  CHECK(report.checked == 6);
  std::string v = f.get(16);
  v[v.size() - 1] ^= 1;
  f.put(16, v);
  CHECK(f.store().verify(10, 15).ok);
  CHECK(f.store().verify(10, 20).first_bad.value() == 16);
}

TEST_CASE("the chain is SHA-256 of the previous hash and the envelope bytes", "[events][chain]") {
  TamperFixture f;
  const std::string v1 = f.get(1), v2 = f.get(2);
  auto p1 = events::split_record(v1).value();
  auto p2 = events::split_record(v2).value();
  CHECK(events::chain_hash(events::Hash{}, p1.envelope) == p1.hash);
  CHECK(events::chain_hash(p1.hash, p2.envelope) == p2.hash);
  CHECK(events::to_hex(events::chain_hash(events::Hash{}, "")).size() == 64);
}

}  // namespace
}  // namespace mandate::testing
