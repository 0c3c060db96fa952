#pragma once

// The phase status of a plan (GET /v1/views/phase-status): for each phase, and for the
// standing tasks, each agency's assignments by status and how many are overdue.

#include <optional>
#include <string>
#include <vector>

#include "core/caller.h"
#include "core/result.h"
#include "core/time.h"
#include "projections/view_question.h"
#include "projections/views.h"

namespace mandate::projections {

// One agency's assignments in one phase.
struct AgencyProgress {
  std::string agency;
  int assigned = 0;  // Every assignment, cancelled ones included.
  int acknowledged = 0;
  int in_progress = 0;
  int submitted = 0;
  int approved = 0;
  int cancelled = 0;
  int unacknowledged = 0;
  int overdue = 0;  // Past due, neither approved nor cancelled.

  // Approved, in percent of the assignments not cancelled (0 when all are).
  double percent_done() const {
    const int live = assigned - cancelled;
    return live > 0 ? (100.0 * approved) / live : 0.0;
  }
};

struct PhaseProgress {
  std::optional<std::string> key;  // Absent for the standing tasks.
  std::string title;
  std::optional<core::Date> starts_on, ends_on;
  std::vector<AgencyProgress> agencies;  // By agency id.
};

struct PhaseStatus {
  std::string plan;
  int year = 0;
  std::vector<PhaseProgress> phases;  // The plan's phases in order, then the standing tasks.
};

// kNotFound when there is no plan `query.plan`. A yearly task counts in its own year only;
// on_event duties and rules are not counted. An officer sees its own agency's figures only.
core::Result<PhaseStatus> phase_status(const Views& views, const core::Caller& caller,
                                       const ViewQuery& query, const Moment& m);

}  // namespace mandate::projections
