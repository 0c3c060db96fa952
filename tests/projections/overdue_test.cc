// The overdue view's incidents, and the instant its answer can next change without an event:
// what a kept answer (http/view_cache.h) holds until.

#include "projections/overdue.h"

#include <catch2/catch.hpp>

namespace mandate::projections {
namespace {

core::Instant instant(const char* text) { return *core::parse_instant(text); }

const core::Caller kAdmin{"admin", "", {core::Role::kAdmin}, core::Clearance::kTopSecret};

// A loss discovered at 07:30 and reported at 08:00 on 2 January: on time. Receipt by the
// police division falls due 24 hours after the report (core::IncidentDeadlines' default).
void report_incident(Views& views) {
  core::RecordedEvent e;
  e.position = 1;
  e.stream = core::incident_stream("inc-1");
  e.version = 1;
  e.recorded_at = e.occurred_at = instant("2026-01-02T08:00:00Z");
  e.actor = {"officer", "so-tu-phap"};
  e.data = core::IncidentReported{.id = "inc-1",
                                  .agency = "so-tu-phap",
                                  .kind = core::IncidentKind::kLoss,
                                  .classification = core::Classification::kSecret,
                                  .discovered_at = instant("2026-01-02T07:30:00Z"),
                                  .summary = "Mất tài liệu"};
  views.incidents.apply(e);
}

Moment moment_at(const char* at) {
  Moment m;
  m.as_of = 1;
  m.at = instant(at);
  m.on = core::date_of(m.at);
  return m;
}

TEST_CASE("the overdue view says when an incident's lateness can next change",
          "[projections][views]") {
  Views views;
  report_incident(views);

  auto before = overdue(views, kAdmin, {}, moment_at("2026-01-02T09:00:00Z"));
  REQUIRE(before.ok());
  CHECK(before->incidents.empty());
  REQUIRE(before->changes_at.has_value());
  CHECK(*before->changes_at == instant("2026-01-03T08:00:00Z"));

  // Past it, the receipt is late; the next step's deadline runs from a receipt that has not
  // happened, so nothing more can change by the clock alone.
  auto after = overdue(views, kAdmin, {}, moment_at("2026-01-03T08:00:01Z"));
  REQUIRE(after.ok());
  REQUIRE(after->incidents.size() == 1);
  CHECK(after->incidents[0].late_steps == std::vector<std::string>{"receive"});
  CHECK_FALSE(after->changes_at.has_value());
}

TEST_CASE("an incident the caller may not see sets no instant", "[projections][views]") {
  Views views;
  report_incident(views);
  const core::Caller other_officer{
      "o", "so-ngoai-vu", {core::Role::kOfficer}, core::Clearance::kSecret};
  auto answer = overdue(views, other_officer, {}, moment_at("2026-01-02T09:00:00Z"));
  REQUIRE(answer.ok());
  CHECK(answer->incidents.empty());
  CHECK_FALSE(answer->changes_at.has_value());
}

}  // namespace
}  // namespace mandate::projections
