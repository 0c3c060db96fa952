// The snapshot encoding: every kind of field survives a round trip, equal states give equal
// bytes whatever their history, and damaged input is refused rather than misread.

#include "projections/snapshot_codec.h"

#include <catch2/catch.hpp>

#include "core/incident.h"
#include "core/plan.h"
#include "core/task.h"

namespace mandate::projections {
namespace {

core::TaskState sample_task() {
  core::TaskState t;
  t.version = 7;
  t.id = "la-report/2026";
  t.plan = "vn-la-2024";
  t.phase = "II";
  t.title = "Báo cáo công tác bảo vệ bí mật nhà nước";
  t.lead = "cong-an-tinh";
  t.due_on = core::Date{-3};  // Before 1970: a negative day survives.
  t.occurrence_year = 2026;
  t.revision = 2;
  t.assignments = {{"cong-an-tinh", core::AgencyRoleOnTask::kLead,
                    core::AssignmentStatus::kSubmitted, core::Instant{1'767'225'600'000'000}, 2},
                   {"so-tu-phap", core::AgencyRoleOnTask::kCoordinator,
                    core::AssignmentStatus::kAssigned, std::nullopt, 0}};
  return t;
}

template <typename T>
std::string encode(const T& value) {
  snapshot::Writer out;
  snapshot::put(out, value);
  return out.take();
}

TEST_CASE("a task state survives a snapshot round trip", "[projections][snapshot]") {
  const auto task = sample_task();
  const std::string bytes = encode(task);
  snapshot::Reader in(bytes);
  core::TaskState back;
  REQUIRE(snapshot::get(in, back));
  CHECK(in.done());
  CHECK(back == task);
}

TEST_CASE("incident and plan states survive a snapshot round trip", "[projections][snapshot]") {
  core::IncidentState i;
  i.version = 3;
  i.id = "sc-1";
  i.kind = core::IncidentKind::kLoss;
  i.received_at = core::Instant{-5};
  i.findings = {{core::FindingKind::kCause, "mất cặp tài liệu", core::Instant{1}, core::Instant{2},
                 core::Actor{"dieu-tra-vien", "pa03"}}};
  core::PlanState p;
  p.id = "vn-it-2026";
  p.phases = {{"I", "Giai đoạn I", core::Date{20457}, std::nullopt}};
  p.agreement = core::Agreement{"IT", "Hiệp định", core::Date{1}, std::nullopt, "5 năm"};
  p.status = core::PlanStatus::kActive;
  const std::map<std::string, core::PlanState, std::less<>> plans{{"vn-it-2026", p}};

  std::string bytes = encode(i) + encode(plans);
  snapshot::Reader in(bytes);
  core::IncidentState i2;
  std::map<std::string, core::PlanState, std::less<>> plans2;
  REQUIRE(snapshot::get(in, i2));
  REQUIRE(snapshot::get(in, plans2));
  CHECK(in.done());
  CHECK(i2 == i);
  CHECK(plans2 == plans);
}

TEST_CASE("unordered maps encode in key order", "[projections][snapshot]") {
  std::unordered_map<std::string, std::string> a, b;
  for (int n = 0; n < 200; ++n) a["k" + std::to_string(n)] = std::to_string(n);
  for (int n = 199; n >= 0; --n) b["k" + std::to_string(n)] = std::to_string(n);
  b.rehash(4096);
  CHECK(encode(a) == encode(b));
}

TEST_CASE("a truncated or padded snapshot is refused", "[projections][snapshot]") {
  const std::string bytes = encode(sample_task());
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    snapshot::Reader in(std::string_view(bytes).substr(0, cut));
    core::TaskState back;
    const bool read = snapshot::get(in, back);
    CHECK_FALSE((read && in.done()));
  }
  const std::string padded = bytes + "x";
  snapshot::Reader in(padded);
  core::TaskState back;
  CHECK(snapshot::get(in, back));
  CHECK_FALSE(in.done());
}

TEST_CASE("an enum past its last enumerator is refused", "[projections][snapshot]") {
  // The views index by such numbers (the task view counts by status): one that no build wrote
  // makes the snapshot malformed, not a state.
  for (const uint64_t number : {uint64_t{5}, uint64_t{6}, uint64_t{112}, uint64_t{1} << 40}) {
    snapshot::Writer out;
    out.varint(number);
    const std::string bytes = out.take();
    snapshot::Reader in(bytes);
    core::AssignmentStatus status{};
    CHECK(snapshot::get(in, status) == (number == 5));
  }
}

TEST_CASE("a count larger than the input is refused before allocating", "[projections][snapshot]") {
  snapshot::Writer out;
  out.varint(uint64_t{1} << 60);
  snapshot::Reader in(out.data());
  std::vector<core::TaskState> tasks;
  CHECK_FALSE(snapshot::get(in, tasks));
}

// Two builds of one enum: the second has its enumerators reordered, as a careless edit of
// AssignmentStatus would.
enum class BuildOne { kAssigned, kApproved };
enum class BuildTwo { kApproved, kAssigned };
std::string_view name_of(BuildOne v) {
  return v == BuildOne::kAssigned ? "assigned" : v == BuildOne::kApproved ? "approved" : "?";
}
std::string_view name_of(BuildTwo v) {
  return v == BuildTwo::kAssigned ? "assigned" : v == BuildTwo::kApproved ? "approved" : "?";
}
struct RowOne {
  BuildOne status;
};
struct RowTwo {
  BuildTwo status;
};
struct RowOfInt {
  uint8_t status;
};

TEST_CASE("the shape fingerprint is the description of the encoded form",
          "[projections][snapshot]") {
  // Recorded by hand: a change to describe() or to the hash makes every saved snapshot foreign
  // (they are rebuilt, not misread), so it must be deliberate.
  std::string text;
  snapshot::describe<RowOne>(text);
  CHECK(text == "(e4{assigned,approved,})");
  CHECK(snapshot::shape_fingerprint<RowOne>() == 0xd9b1bee5f6ac0ef8ULL);
  // A state's enums are described by their names in order (core/vocabulary.h).
  text.clear();
  snapshot::describe<core::AssignmentStatus>(text);
  CHECK(text == "e4{assigned,acknowledged,in_progress,submitted,approved,cancelled,}");
}

TEST_CASE("the shape fingerprint tells state types apart", "[projections][snapshot]") {
  CHECK(snapshot::shape_fingerprint<core::TaskState>() !=
        snapshot::shape_fingerprint<core::IncidentState>());
  CHECK(snapshot::shape_fingerprint<std::vector<int32_t>>() !=
        snapshot::shape_fingerprint<std::vector<uint32_t>>());
  CHECK(snapshot::shape_fingerprint<std::optional<std::string>>() !=
        snapshot::shape_fingerprint<std::string>());
}

TEST_CASE("the shape fingerprint changes when an enum's enumerators are reordered",
          "[projections][snapshot]") {
  // Both encode as the same varint; only the fingerprint can tell old snapshots apart.
  CHECK(snapshot::shape_fingerprint<RowOne>() != snapshot::shape_fingerprint<RowTwo>());
  CHECK(snapshot::shape_fingerprint<RowOne>() != snapshot::shape_fingerprint<RowOfInt>());
  // Adding an enumerator at the end changes it too: a newer build's value is not this one's.
  CHECK(snapshot::shape_fingerprint<core::AssignmentStatus>() !=
        snapshot::shape_fingerprint<core::TaskKind>());
}

}  // namespace
}  // namespace mandate::projections
