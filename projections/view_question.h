#pragma once

// What a view is asked: its parameters, and the moment it answers for (which record, judged
// against which day). The views read them; http/ and `mandate replay` parse them from text.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "core/incident.h"
#include "core/result.h"
#include "core/time.h"
#include "events/store.h"
#include "projections/views.h"

namespace mandate::projections {

// The record a view reads and the day it judges due dates against.
struct Moment {
  uint64_t as_of = 0;  // Position.
  core::Date on;
  bool past = false;  // as_of is before the head: answer from a replay.
  // The instant incidents' deadlines are judged at: as_of's (its event's record time for a
  // position), else now. Deadlines run in hours, so `on`, a day, does not move it.
  core::Instant at;
  // The server's settings that judgement uses (--incident-deadlines, --authorities).
  core::IncidentDeadlines incident_deadlines;
  core::Authorities authorities;
};

// The moment as asked: `as_of` a position or an instant (absent: the head), `on` a day (absent:
// the day of as_of, or today).
struct MomentQuery {
  std::optional<std::variant<uint64_t, core::Instant>> as_of;
  std::optional<core::Date> on;
};

// The moment `query` names on `store`; positions past the head are clamped to it. `today` is the
// default day and `now` the default instant when the query names neither.
core::Result<Moment> moment_of(const events::EventStore& store, const MomentQuery& query,
                               core::Date today, core::Instant now);

// A view's parameters; empty or absent when the caller did not give them.
struct ViewQuery {
  std::string plan;
  std::string agency;
  std::optional<int> year;  // 1900..9999 (checked by whoever parsed it).

  // The year asked, else the year of the moment's day.
  int year_or(const Moment& m) const { return year.value_or(core::year_of(m.on)); }
};

// The plan `query.plan` names; kNotFound when there is none.
core::Result<const core::PlanState*> asked_plan(const Views& views, const ViewQuery& query);

}  // namespace mandate::projections
