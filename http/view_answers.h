#pragma once

// The views' answers, as JSON: phase status, overdue, inbox, transfer statistics, annual
// report. Shared by the HTTP routes and `mandate replay`, so both answer the same way.

#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/caller.h"
#include "core/directory.h"
#include "core/incident.h"
#include "core/result.h"
#include "core/time.h"
#include "events/store.h"
#include "http/router.h"
#include "projections/views.h"

namespace mandate::http {

// The record a view reads and the day it judges due dates against.
struct Moment {
  uint64_t as_of = 0;  // Position.
  core::Date on;
  bool past = false;   // as_of is before the head: answer from a replay.
  // The instant incidents' deadlines are judged at: as_of's (its event's record time for a
  // position), else now. Deadlines run in hours, so `on`, a day, does not move it.
  core::Instant at;
  // The server's settings that judgement uses (--incident-deadlines, --authorities).
  core::IncidentDeadlines incident_deadlines;
  core::Authorities authorities;
};

// Reads `as_of` (a position or an instant) and `on` (a date) from the query; positions past
// the head are clamped to it. `today` is the default day and `now` the default instant when
// neither names one.
core::Result<Moment> moment_of(const events::EventStore& store, const Params& query,
                               core::Date today, core::Instant now);

using ViewFn = core::Result<nlohmann::json> (*)(const projections::Views&, const core::Caller&,
                                                const Params& query, const Moment&);

struct ViewSpec {
  std::string_view name;      // As in /v1/views/<name>.
  ViewFn answer;
  const char* required;       // A query parameter the view cannot do without, or nullptr.
  unsigned needs;             // The projections it reads (projections::Views::Need bits).
};

std::span<const ViewSpec> view_specs();
// The view called `name`, or nullptr.
const ViewSpec* find_view(std::string_view name);

// The whole answer: the view's body with `as_of` and `on`, or the error to report.
core::Result<nlohmann::json> answer_view(const ViewSpec& view, const projections::Views& views,
                                         const core::Caller& caller, const Params& query,
                                         const Moment& moment);

}  // namespace mandate::http
